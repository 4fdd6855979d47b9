using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Pbx.ApiHost.Auth;
using Pbx.Data.IvrMenus;

namespace Pbx.ApiHost.Tests;

[Collection(ApiCollection.Name)]
public sealed class IvrMenusApiTests(ApiFixture fixture) : IAsyncLifetime
{
    private readonly FakeCallGrains _grains = new();
    private TestApi _api = null!;

    public async Task InitializeAsync() =>
        _api = await TestApi.StartAsync(fixture.ConnectionString, configureServices: services => services.AddSingleton(_grains.Factory));

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static object Body(string id, string? number, object keys, object? final = null) =>
        new { id, name = "Main menu", number, greeting = "main-greeting.wav", invalidPrompt = "invalid.wav", maxRetries = 2, keys, final };

    [Fact]
    public async Task Menus_are_created_read_replaced_and_deleted_and_their_grain_is_told_each_time()
    {
        var (admin, _) = await _api.SignInAsync(Roles.Admin);
        using var signedIn = admin;
        var keys = new Dictionary<string, object> { ["1"] = new { kind = "extension", target = "2001" }, ["9"] = new { kind = "hangup" } };

        var created = await admin.PostAsJsonAsync("/api/v1/ivr-menus", Body("api-main", "5000", keys));

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var menu = (await created.Content.ReadFromJsonAsync<IvrMenu>())!;
        (menu.Number, menu.MaxRetries, menu.TimeoutSeconds, menu.DirectDial).ShouldBe(("5000", 2, 5, true), "unset fields take their defaults");
        menu.Keys["1"].ShouldBe(new IvrMenuAction("extension", "2001"));
        var sub = Body("api-sub", null, new Dictionary<string, object> { ["8"] = new { kind = "back" } });
        (await admin.PostAsJsonAsync("/api/v1/ivr-menus", sub)).StatusCode.ShouldBe(HttpStatusCode.Created);
        keys["2"] = new { kind = "menu", target = "api-sub" };
        var replaced = await admin.PutAsJsonAsync("/api/v1/ivr-menus/api-main", Body("ignored", "5001", keys, new { kind = "menu", target = "api-sub" }));
        (await replaced.Content.ReadFromJsonAsync<IvrMenu>())!.Final.ShouldBe(new IvrMenuAction("menu", "api-sub"));
        (await admin.GetFromJsonAsync<IvrMenu>("/api/v1/ivr-menus/api-main"))!.Number.ShouldBe("5001");
        (await Problem.ReadAsync(await admin.DeleteAsync("/api/v1/ivr-menus/api-sub"), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("menu api-main");
        (await admin.DeleteAsync("/api/v1/ivr-menus/api-main")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Problem.ReadAsync(await admin.GetAsync("/api/v1/ivr-menus/api-main"), HttpStatusCode.NotFound);

        _grains.Calls.Where(call => call.Key == "api-main").Select(call => call.Method)
            .ShouldBe(["ForgetAsync", "ForgetAsync", "ForgetAsync"], "created, replaced, deleted: the next caller meets the menu as it is");
    }

    [Fact]
    public async Task A_taken_id_or_number_is_409()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        (await admin.PostAsJsonAsync("/api/v1/ivr-menus", Body("api-taken", "5100", new { }))).StatusCode.ShouldBe(HttpStatusCode.Created);

        await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/v1/ivr-menus", Body("api-taken", "5101", new { })), HttpStatusCode.Conflict);
        await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/v1/ivr-menus", Body("api-other", "5100", new { })), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_bad_menu_is_400_naming_each_field_and_each_key()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);

        var errors = await Problem.ReadValidationAsync(await admin.PostAsJsonAsync("/api/v1/ivr-menus", new
        {
            id = "Main Menu",
            name = "",
            number = "12a",
            greeting = "../../etc/passwd",
            timeoutSeconds = 0,
            maxRetries = 11,
            keys = new Dictionary<string, object>
            {
                ["x"] = new { kind = "hangup" },
                ["1"] = new { kind = "extension" },
                ["2"] = new { kind = "menu", target = "no-such-menu" },
                ["3"] = new { kind = "fax" },
                ["4"] = new { kind = "hangup", target = "2001" },
            },
            final = new { kind = "repeat" },
        }));

        errors.Keys.Order().ShouldBe(["final", "greeting", "id", "keys.1", "keys.2", "keys.3", "keys.4", "keys.x", "maxRetries", "name", "number", "timeoutSeconds"]);
    }

    [Fact]
    public async Task Opening_hours_name_a_time_condition_that_exists_which_cannot_be_deleted_while_a_menu_opens_by_it()
    {
        var (admin, _) = await _api.SignInAsync(Roles.Admin);
        using var signedIn = admin;
        var hours = await (await admin.PostAsJsonAsync("/api/v1/time-conditions", new { name = "Menu hours", weeklyHours = Array.Empty<object>() }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var conditionId = hours.GetProperty("id").GetInt64();
        var night = new { kind = "extension", target = "2001" };

        var errors = await Problem.ReadValidationAsync(await admin.PostAsJsonAsync("/api/v1/ivr-menus", new
        {
            id = "api-hours", name = "Hours", greeting = "welcome", language = "de", timeConditionId = 999_999, closed = new { kind = "back" },
        }));
        var orphan = await Problem.ReadValidationAsync(await admin.PostAsJsonAsync("/api/v1/ivr-menus",
            new { id = "api-hours", name = "Hours", greeting = "welcome", closed = night }));
        var created = await admin.PostAsJsonAsync("/api/v1/ivr-menus",
            new { id = "api-hours", name = "Hours", greeting = "welcome", language = "uz", timeConditionId = conditionId, closed = night });

        errors.Keys.Order().ShouldBe(["closed", "language", "timeConditionId"]);
        orphan.Keys.ShouldHaveSingleItem().ShouldBe("closed", "closed hours need the condition they are for");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Problem.ReadAsync(await admin.DeleteAsync($"/api/v1/time-conditions/{conditionId}"), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("api-hours");
        (await admin.PutAsJsonAsync($"/api/v1/time-conditions/{conditionId}/override", new { @override = "force-closed" })).EnsureSuccessStatusCode();
        _grains.Calls.ShouldContain(call => call.Key == conditionId.ToString(CultureInfo.InvariantCulture) && call.Method == "ForgetAsync",
            "the day/night switch reaches the condition's grain, so the next caller is routed by it");
    }

    [Fact]
    public async Task Viewers_read_menus_and_only_admins_change_them()
    {
        using var viewer = await fixture.SignedInAsync(Roles.Viewer);

        (await viewer.GetAsync("/api/v1/ivr-menus")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await viewer.PostAsJsonAsync("/api/v1/ivr-menus", Body("api-viewer", null, new { }))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
