using MudBlazor;

namespace Accrue.Web.Components.Layout;

static class AccrueTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1f5f8b", Secondary = "#2e7d5b", AppbarBackground = "#1f5f8b" },
    };

    public static readonly MudTheme Portal = new()
    {
        PaletteLight = new PaletteLight { Primary = "#2e7d5b", Secondary = "#2e7d5b", AppbarBackground = "#2e7d5b" },
    };
}
