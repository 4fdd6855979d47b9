using Pbx.Data.TimeConditions;

namespace Pbx.Data.Tests.TimeConditions;

/// <summary>The <c>time_conditions</c> rows: hours and holidays come back as written, the override is apart from the settings.</summary>
public sealed class TimeConditionRepositoryTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly TimeConditionSettings Office = new("repo office", "Europe/Berlin",
        [new WeeklyRange("monday", "09:00", "18:00"), new WeeklyRange("friday", "22:00", "06:00")],
        [new HolidayRange("2026-12-31", "2027-01-02", "New Year"), new HolidayRange("2027-03-21")]);

    [Fact]
    public async Task Hours_and_holidays_come_back_as_written_and_an_update_keeps_the_override()
    {
        var conditions = new TimeConditionRepository(database.DataSource);
        var created = await conditions.CreateAsync(Office, CancellationToken.None);
        await conditions.SetOverrideAsync(created.Id, TimeConditionOverride.ForceClosed, CancellationToken.None);

        var updated = (await conditions.UpdateAsync(created.Id, Office with { TimeZone = "Asia/Tashkent" }, CancellationToken.None))!;

        updated.Override.ShouldBe(TimeConditionOverride.ForceClosed);
        updated.TimeZone.ShouldBe("Asia/Tashkent");
        updated.WeeklyHours.ShouldBe(Office.WeeklyHours);
        updated.Holidays.ShouldBe(Office.Holidays);
        (await conditions.GetAsync(created.Id, CancellationToken.None))!.Holidays.ShouldBe(Office.Holidays);
    }

    [Fact]
    public async Task A_name_taken_is_a_duplicate()
    {
        var conditions = new TimeConditionRepository(database.DataSource);
        await conditions.CreateAsync(Office with { Name = "repo twice" }, CancellationToken.None);

        var conflict = await Should.ThrowAsync<RowConflictException>(() => conditions.CreateAsync(Office with { Name = "repo twice" }, CancellationToken.None));

        conflict.Conflict.ShouldBe(RowConflict.Duplicate);
    }
}
