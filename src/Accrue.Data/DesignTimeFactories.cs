using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Accrue.Data;

// Used only by `dotnet ef migrations add`: one factory per provider, so each keeps its own migrations.
sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAccrueDb>
{
    public SqliteAccrueDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAccrueDb>().UseSqlite("Data Source=design.db").Options, Actor.System);
}

sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAccrueDb>
{
    public PostgresAccrueDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAccrueDb>().UseNpgsql("Host=localhost;Database=accrue_design").Options, Actor.System);
}
