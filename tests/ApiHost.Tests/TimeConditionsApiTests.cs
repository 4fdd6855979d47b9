using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Pbx.ApiHost.Apis.TimeConditions;
using Pbx.ApiHost.Auth;
using Pbx.Data.TimeConditions;

namespace Pbx.ApiHost.Tests;

/// <summary><c>/api/v1/time-conditions</c> on the real API and PostgreSQL; each test names its conditions after itself.</summary>
[Collection(ApiCollection.Name)]
public sealed class TimeConditionsApiTests(ApiFixture fixture)
{
    private static readonly WeeklyRange[] Office =
        [.. new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(day => new WeeklyRange(day, "09:00", "18:00"))];

    [Fact]
    public async Task An_admin_creates_reads_changes_and_deletes_a_condition()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);

        using var created = await admin.PostAsJsonAsync("/api/v1/time-conditions",
            new { name = "crud office", weeklyHours = Office, holidays = new[] { new HolidayRange("2026-12-31", "2027-01-02", "New Year") } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var condition = (await created.Content.ReadFromJsonAsync<TimeCondition>())!;
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/time-conditions/{condition.Id}");
        condition.TimeZone.ShouldBe("Asia/Tashkent");
        condition.Override.ShouldBe("none");
        condition.WeeklyHours.ShouldBe(Office);

        using var updated = await admin.PutAsJsonAsync($"/api/v1/time-conditions/{condition.Id}",
            new { name = "crud night shift", timeZone = "Europe/Berlin", weeklyHours = new[] { new WeeklyRange("friday", "22:00", "06:00") } });
        var changed = (await updated.Content.ReadFromJsonAsync<TimeCondition>())!;
        (changed.Id, changed.Name, changed.TimeZone, changed.Holidays.Count).ShouldBe((condition.Id, "crud night shift", "Europe/Berlin", 0));
        (await admin.GetFromJsonAsync<TimeCondition>($"/api/v1/time-conditions/{condition.Id}"))!.WeeklyHours.ShouldBe([new WeeklyRange("friday", "22:00", "06:00")]);
        (await admin.GetStringAsync("/api/v1/time-conditions?pageSize=500")).ShouldContain("\"crud night shift\"");

        (await admin.DeleteAsync($"/api/v1/time-conditions/{condition.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Problem.ReadAsync(await admin.GetAsync($"/api/v1/time-conditions/{condition.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_malformed_condition_gets_400_naming_every_bad_field()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);

        using var response = await admin.PostAsJsonAsync("/api/v1/time-conditions", new
        {
            name = "",
            timeZone = "Mars/Olympus",
            weeklyHours = new[] { new WeeklyRange("monday", "09:00", "12:00"), new WeeklyRange("monday", "11:00", "13:00"), new WeeklyRange("tuesday", "9am", "10:00") },
            holidays = new[] { new HolidayRange("2027-01-02", "2026-12-31") },
        });

        var errors = await Problem.ReadValidationAsync(response);
        errors.Keys.ShouldBe(["name", "timeZone", "weeklyHours[1]", "weeklyHours[2].start", "holidays[0].end"], ignoreOrder: true);
        errors["weeklyHours[1]"][0].ShouldContain("monday 09:00-12:00");
    }

    [Fact]
    public async Task A_second_condition_of_the_same_name_gets_409()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        (await admin.PostAsJsonAsync("/api/v1/time-conditions", new { name = "twice" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var problem = await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/v1/time-conditions", new { name = "twice" }), HttpStatusCode.Conflict);

        problem.GetProperty("code").GetString().ShouldBe("time_condition.exists");
    }

    [Fact]
    public async Task An_operator_flips_the_day_night_switch_which_holds_until_switched_back()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        using var operatorClient = await fixture.SignedInAsync(Roles.Operator);
        using var viewer = await fixture.SignedInAsync(Roles.Viewer);
        var condition = await (await admin.PostAsJsonAsync("/api/v1/time-conditions", new { name = "switched", weeklyHours = Office })).Content.ReadFromJsonAsync<TimeCondition>();
        var path = $"/api/v1/time-conditions/{condition!.Id}";

        (await operatorClient.PutAsJsonAsync($"{path}/override", new { @override = "force-closed" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var state = await viewer.GetFromJsonAsync<TimeConditionStateResponse>($"{path}/state");

        state.ShouldBe(state! with { Open = false, Reason = "override", Override = "force-closed", NextChange = null });
        await Problem.ReadAsync(await viewer.PutAsJsonAsync($"{path}/override", new { @override = "force-open" }), HttpStatusCode.Forbidden);
        await Problem.ReadAsync(await operatorClient.PutAsJsonAsync(path, new { name = "renamed by an operator" }), HttpStatusCode.Forbidden);
        (await Problem.ReadValidationAsync(await operatorClient.PutAsJsonAsync($"{path}/override", new { @override = "night" }))).Keys.ShouldBe(["override"]);
        (await operatorClient.PutAsJsonAsync($"{path}/override", new { @override = "none" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await viewer.GetFromJsonAsync<TimeConditionStateResponse>($"{path}/state"))!.Reason.ShouldNotBe("override");
    }

    /// <summary>Friday 18:30 in Berlin, the weekend the clocks go forward: Monday's 09:00 is 07:00 UTC.</summary>
    [Fact]
    public async Task The_state_at_an_instant_says_closed_and_opens_on_monday_at_nine_local_time()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        var condition = await (await admin.PostAsJsonAsync("/api/v1/time-conditions", new { name = "berlin office", timeZone = "Europe/Berlin", weeklyHours = Office }))
            .Content.ReadFromJsonAsync<TimeCondition>();

        var state = await admin.GetFromJsonAsync<TimeConditionStateResponse>($"/api/v1/time-conditions/{condition!.Id}/state?at=2026-03-27T17:30:00Z");

        state.ShouldBe(new TimeConditionStateResponse(condition.Id, false, "outside-hours", "none",
            DateTimeOffset.Parse("2026-03-27T17:30:00Z"), DateTimeOffset.Parse("2026-03-30T07:00:00Z")));
    }

    /// <summary>Without <c>at</c>, the host's clock (a stopped one here) is "now".</summary>
    [Fact]
    public async Task The_state_now_follows_the_hosts_clock()
    {
        var clock = new StoppedClock();
        await using var api = await TestApi.StartAsync(fixture.ConnectionString, configureServices: services => services.AddSingleton<TimeProvider>(clock));
        var (admin, _) = await api.SignInAsync(Roles.Admin);
        var allWeek = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(day => new WeeklyRange(day, "00:00", "24:00"));
        var condition = await (await admin.PostAsJsonAsync("/api/v1/time-conditions", new { name = "always open", weeklyHours = allWeek }))
            .Content.ReadFromJsonAsync<TimeCondition>();

        var state = await admin.GetFromJsonAsync<TimeConditionStateResponse>($"/api/v1/time-conditions/{condition!.Id}/state");

        state.ShouldBe(new TimeConditionStateResponse(condition.Id, true, "hours", "none", clock.GetUtcNow(), null));
    }

    [Fact]
    public async Task Viewers_read_but_cannot_create_and_phone_users_see_nothing()
    {
        using var viewer = await fixture.SignedInAsync(Roles.Viewer);
        await fixture.CreatePhoneUserAsync("tc-phone", "8931");
        using var phone = await fixture.SignedInAsync("tc-phone");

        (await viewer.GetAsync("/api/v1/time-conditions")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Problem.ReadAsync(await viewer.PostAsJsonAsync("/api/v1/time-conditions", new { name = "viewer's" }), HttpStatusCode.Forbidden);
        await Problem.ReadAsync(await phone.GetAsync("/api/v1/time-conditions"), HttpStatusCode.Forbidden);
    }
}
