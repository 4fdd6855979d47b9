using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orleans;
using Pbx.Grains.Trunks;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Pbx.ConsoleTests;

/// <summary>The administrator's pages: users, trunks, dial rules, recordings and the system status, each against the real host.</summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task Admin_creates_a_phone_user_who_then_signs_in_to_their_phone_and_changes_and_deletes_them()
    {
        await pbx.CreateExtensionAsync("7301", "Reception");
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin");
        await ConsolePage.OpenAsync(page, "Users", "Users");

        var form = page.GetByRole(AriaRole.Form, new() { Name = "New user" });
        await form.GetByLabel("User name").FillAsync("reception-7301");
        // The form offers a generated password; the admin passes on the one the page shows.
        var password = await form.GetByLabel("Password").InputValueAsync();
        password.Length.ShouldBeGreaterThanOrEqualTo(10);
        await form.GetByLabel("Role").SelectOptionAsync("user");
        await form.GetByLabel("Extension").FillAsync("7301");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        var row = page.Locator("tr[data-username='reception-7301']");
        await Expect(row).ToContainTextAsync("phone user");
        await Expect(row).ToContainTextAsync("7301");
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync(password);
        await Browser.ScreenshotAsync(page, "users");

        // The new user signs in with that password and lands on the extension's phone.
        var theirs = await browser.NewPageAsync(pbx.BaseAddress);
        await theirs.GotoAsync("/console/");
        await theirs.GetByLabel("User name").FillAsync("reception-7301");
        await theirs.GetByLabel("Password").FillAsync(password);
        await theirs.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(theirs.GetByRole(AriaRole.Heading, new() { Name = "Phone 7301" })).ToBeVisibleAsync();

        // A link to an extension that does not exist is refused next to the field.
        await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Form, new() { Name = "Change reception-7301" });
        await edit.GetByLabel("Extension").FillAsync("7399");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#extensionNumber-error")).ToContainTextAsync("7399");
        await edit.GetByLabel("Role").SelectOptionAsync("operator");
        await edit.GetByLabel("Extension").FillAsync("");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(row).ToContainTextAsync("operator");
        await Expect(row.GetByText("—")).ToBeVisibleAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        var reset = page.GetByRole(AriaRole.Form, new() { Name = "Reset password" });
        await reset.GetByLabel("New password").FillAsync("a-new-password-1");
        await reset.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("a-new-password-1");
        (await HubClient.SignInAsync(pbx.BaseAddress, "reception-7301", "a-new-password-1")).ShouldNotBeNullOrEmpty();

        var confirmations = AnswerConfirmations(page, accept: false);
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        confirmations.Asked.ShouldBe(["Delete user reception-7301? They can no longer sign in."]);
        await Expect(row).ToHaveCountAsync(1);
        confirmations.Accept = true;
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_phone_page_leads_an_admin_without_an_extension_to_the_users_page_which_speaks_Russian()
    {
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin", language: ConsoleLanguage.Russian);
        await ConsolePage.OpenAsync(page, "Телефон", "Телефон");
        await page.GetByRole(AriaRole.Link, new() { Name = "Открыть страницу пользователей" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Пользователи", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-username='admin']")).ToContainTextAsync("администратор");

        // A name that is taken is told in Russian (the API's problem code user.exists).
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Новый пользователь" });
        await form.GetByLabel("Имя пользователя").FillAsync("operator");
        await form.GetByRole(AriaRole.Button, new() { Name = "Создать" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).Locator("p.error")).ToHaveTextAsync("Это имя пользователя уже занято: выберите другое.");
        await Browser.ScreenshotAsync(page, "languages/ru-users-name-taken");
    }

    [Fact]
    public async Task A_trunk_saved_with_a_password_but_no_realm_is_refused_in_Russian_and_an_edit_sends_only_what_changed()
    {
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin", language: ConsoleLanguage.Russian);
        await ConsolePage.OpenAsync(page, "Транки", "Транки");
        await page.GetByRole(AriaRole.Link, new() { Name = "Новый транк" }).ClickAsync();
        await page.GetByLabel("Идентификатор транка").FillAsync("carrier-ru");
        await page.GetByLabel("Описание").FillAsync("Основной оператор");
        await page.GetByLabel("Хост").FillAsync("127.0.0.1");
        await page.GetByLabel("Порт", new() { Exact = true }).FillAsync("5999");
        await page.GetByLabel("Имя пользователя").FillAsync("pbx-account");
        await page.GetByLabel("Пароль", new() { Exact = true }).FillAsync("carrier-secret");
        await page.GetByLabel("Код страны").FillAsync("998");
        await page.GetByLabel("Регистрироваться у оператора").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать" }).ClickAsync();

        // The API's field code, in the user's language, next to the field.
        await Expect(page.Locator("#realm-error")).ToHaveTextAsync("Нужен, чтобы хранить только HA1.");
        await Browser.ScreenshotAsync(page, "languages/ru-trunk-realm-required");

        await page.GetByLabel("Realm").FillAsync("carrier.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Транк carrier-ru" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToHaveTextAsync("Транк создан.");
        // A trunk that registers and no edge has answered for yet: the grain's true state, with why.
        await Expect(page.GetByTestId("trunk-state")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("регистрируется|ошибка|зарегистрирован"));

        var patches = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "PATCH")
                patches.Add(request.PostData!);
        };
        await page.GetByLabel("Одновременных звонков").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToHaveTextAsync("Сохранено.");
        JsonDocument.Parse(patches.ShouldHaveSingleItem()).RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["maxCalls"]);
        using (var http = await pbx.AdminClientAsync())
        {
            var stored = await http.GetFromJsonAsync<JsonElement>("/api/v1/trunks/carrier-ru");
            stored.GetProperty("maxCalls").GetInt32().ShouldBe(4);
            stored.GetProperty("realm").GetString().ShouldBe("carrier.example");
            stored.GetProperty("hasPassword").GetBoolean().ShouldBeTrue();
            stored.GetProperty("description").GetString().ShouldBe("Основной оператор");
        }
        await Browser.ScreenshotAsync(page, "languages/ru-trunk");

        await ConsolePage.OpenAsync(page, "Транки", "Транки");
        var row = page.Locator("tr[data-trunk='carrier-ru']");
        await Expect(row).ToContainTextAsync("127.0.0.1:5999 UDP");
        await Expect(row).ToContainTextAsync("из 4");
        await Browser.ScreenshotAsync(page, "languages/ru-trunks");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        var confirmations = AnswerConfirmations(page, accept: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Удалить" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Транки", Exact = true })).ToBeVisibleAsync();
        confirmations.Asked.ShouldBe(["Удалить транк carrier-ru? Правила набора, где он указан, перестанут его использовать."]);
        await Expect(page.Locator("tr[data-trunk='carrier-ru']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_trunk_that_fails_to_register_shows_failed_and_why_as_it_happens()
    {
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin");
        await ConsolePage.OpenAsync(page, "Trunks", "Trunks");
        await page.GetByRole(AriaRole.Link, new() { Name = "New trunk" }).ClickAsync();
        await page.GetByLabel("Trunk id").FillAsync("unreachable");
        // RFC 6761: .invalid never resolves, so the SIP edge's first attempt fails at once.
        await page.GetByLabel("Host", new() { Exact = true }).FillAsync("carrier.invalid");
        await page.GetByLabel("User name").FillAsync("pbx-account");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("carrier-secret");
        await page.GetByLabel("Realm").FillAsync("carrier.invalid");
        await page.GetByLabel("Country code").FillAsync("998");
        await page.GetByLabel("Register with the carrier").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Trunk unreachable" })).ToBeVisibleAsync();

        // No reload: the edge polls the trunk table every 5 s and its failure reaches the page as a live event.
        await Expect(page.GetByTestId("trunk-state")).ToHaveTextAsync("failed", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("trunk-reason")).ToContainTextAsync("carrier.invalid does not resolve");
        await Browser.ScreenshotAsync(page, "trunk-failed");
        await ConsolePage.OpenAsync(page, "Trunks", "Trunks");
        await Expect(page.Locator("tr[data-trunk='unreachable']").GetByTestId("trunk-state")).ToHaveTextAsync("failed");
        await Browser.ScreenshotAsync(page, "trunks");
    }

    [Fact]
    public async Task A_trunk_that_does_not_register_says_so_in_the_trunk_list()
    {
        await pbx.PostAsAdminAsync("/api/v1/trunks", new { id = "by-address", host = "192.0.2.10", countryCode = "998", allowedNetworks = new[] { "192.0.2.0/24" } });
        var page = await ConsolePage.SignInAsync(browser, pbx, "viewer", 375, 800);
        await ConsolePage.OpenAsync(page, "Trunks", "Trunks");
        var row = page.Locator("tr[data-trunk='by-address']");
        await Expect(row.GetByTestId("trunk-state")).ToHaveTextAsync("not registering");
        await Expect(row.GetByTestId("trunk-reason")).ToHaveTextAsync("Does not register: the carrier takes its calls by address.");
        await Expect(row).ToContainTextAsync("0 of 30 in use");
        // A viewer reads; only admins change.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New trunk" })).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "trunks-phone");
        await ExpectNoSidewaysScrollingAsync(page);
    }

    [Fact]
    public async Task Admin_adds_changes_and_deletes_a_dial_rule()
    {
        await pbx.PostAsAdminAsync("/api/v1/trunks", new { id = "rules-carrier", host = "192.0.2.20", countryCode = "998" });
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin");
        await ConsolePage.OpenAsync(page, "Dial rules", "Dial rules");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "New dial rule" });
        await form.GetByLabel("Prefix").FillAsync("8");
        await form.GetByLabel("Digits to strip").FillAsync("1");
        await form.GetByLabel("Trunks").FillAsync("rules-carrier, no-such-trunk");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Expect(page.Locator("#trunks-error")).ToContainTextAsync("no-such-trunk");

        await form.GetByLabel("Trunks").FillAsync("rules-carrier");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        var row = page.Locator("tr[data-prefix='8'][data-group='*']");
        await Expect(row).ToContainTextAsync("every group (*)");
        await Expect(row).ToContainTextAsync("rules-carrier");
        await Browser.ScreenshotAsync(page, "dial-rules");

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Form, new() { Name = "Change the rule for 8" });
        await edit.GetByLabel("Prepend").FillAsync("+998");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(row).ToContainTextAsync("+998");

        AnswerConfirmations(page, accept: true);
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_dial_tester_says_in_Russian_which_trunks_a_number_leaves_by_and_what_a_refused_caller_hears()
    {
        await pbx.PostAsAdminAsync("/api/v1/trunks", new { id = "tester-carrier", host = "192.0.2.21", countryCode = "998" });
        await pbx.PostAsAdminAsync("/api/v1/dial-rules", new { group = "*", prefix = "05", trunks = new[] { "tester-carrier" } });
        await pbx.PostAsAdminAsync("/api/v1/dial-rules", new { group = "*", prefix = "009", trunks = new[] { "tester-carrier" } });
        await pbx.CreateExtensionAsync("4501", "Tester");
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin", language: ConsoleLanguage.Russian);
        await ConsolePage.OpenAsync(page, "Правила набора", "Правила набора");
        var tester = page.GetByRole(AriaRole.Form, new() { Name = "Что произойдёт, если добавочный наберёт номер" });
        await tester.GetByLabel("Кто набирает (добавочный)").FillAsync("4501");

        await tester.GetByLabel("Набранный номер").FillAsync("0512345678");
        await tester.GetByRole(AriaRole.Button, new() { Name = "Проверить" }).ClickAsync();
        var answer = tester.Locator(".dial-test-answer[data-outcome='outbound']");
        await Expect(answer).ToContainTextAsync("+998512345678");
        await Expect(answer).ToContainTextAsync("tester-carrier");

        // International, and a new extension's class is national: the toll-fraud guard refuses it.
        await tester.GetByLabel("Набранный номер").FillAsync("0091234567890");
        await tester.GetByRole(AriaRole.Button, new() { Name = "Проверить" }).ClickAsync();
        var refused = tester.Locator(".dial-test-answer[data-outcome='not-permitted']");
        await Expect(refused).ToContainTextAsync("международный");
        await Expect(refused).ToContainTextAsync("разрешены номера по стране");
        await Expect(refused).ToContainTextAsync("403");
        await Browser.ScreenshotAsync(page, "dial-tester-ru");
    }

    [Fact]
    public async Task Admin_sets_an_extensions_outside_calling_and_limits_and_they_stay_after_a_reload()
    {
        await pbx.CreateExtensionAsync("4601", "Limited");
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin");
        await ConsolePage.OpenAsync(page, "Extensions", "Extensions");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit 4601" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Calls through trunks" });
        await Expect(form.GetByLabel("Outside calls per hour")).ToHaveValueAsync("60");

        await form.GetByLabel("May dial").SelectOptionAsync("international");
        await form.GetByLabel("Outside calls per hour").FillAsync("5");
        await form.GetByLabel("Outside talk minutes per day").FillAsync("30");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save outside calling" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Status)).ToHaveTextAsync("Outside calling saved.");
        await Browser.ScreenshotAsync(page, "extension-outbound");

        await page.ReloadAsync();
        form = page.GetByRole(AriaRole.Form, new() { Name = "Calls through trunks" });
        await Expect(form.GetByLabel("May dial")).ToHaveValueAsync("international");
        await Expect(form.GetByLabel("Outside calls per hour")).ToHaveValueAsync("5");
        await Expect(form.GetByLabel("Outside talk minutes per day")).ToHaveValueAsync("30");
        await Expect(form.GetByLabel("Outside calls at once")).ToHaveValueAsync("4");
    }

    [Fact]
    public async Task An_operators_dashboard_shows_in_Uzbek_an_extension_refused_past_its_hourly_limit_as_it_happens()
    {
        var page = await ConsolePage.SignInAsync(browser, pbx, "operator", language: ConsoleLanguage.Uzbek);
        await Expect(page.GetByTestId("registered")).ToBeVisibleAsync();
        var usage = pbx.Services.GetRequiredService<IGrainFactory>().GetGrain<IOutboundUsageGrain>("4801");
        var onePerHour = new OutboundLimits(Concurrent: 0, PerHour: 1, MinutesPerDay: 0);

        (await usage.TryStartAsync("alert-call-1", onePerHour)).ShouldBe(OutboundLimitHit.None);
        (await usage.TryStartAsync("alert-call-2", onePerHour)).ShouldBe(OutboundLimitHit.PerHour);

        var alert = page.GetByRole(AriaRole.Alert).Locator("li[data-extension='4801']");
        await Expect(alert).ToContainTextAsync("soatiga tashqi qoʻngʻiroqlar");
        await Browser.ScreenshotAsync(page, "dashboard-alert-uz");
    }

    [Fact]
    public async Task An_operator_tests_a_trunk_whose_carrier_is_silent_and_is_told_so()
    {
        using var carrier = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)carrier.Client.LocalEndPoint!).Port;
        await pbx.PostAsAdminAsync("/api/v1/trunks", new { id = "silent-carrier", host = "127.0.0.1", port, countryCode = "998" });
        var page = await ConsolePage.SignInAsync(browser, pbx, "operator");
        await ConsolePage.OpenAsync(page, "Trunks", "Trunks");
        await page.GetByRole(AriaRole.Link, new() { Name = "View silent-carrier" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Test the trunk" }).ClickAsync();

        // The edge waits 5 s for an answer before it says there is none.
        await Expect(page.GetByTestId("trunk-test")).ToHaveTextAsync("The carrier was not reached: no answer in 5 s.", new() { Timeout = 15_000 });
        carrier.Available.ShouldBeGreaterThan(0, "the OPTIONS went to the trunk's address");
        await Browser.ScreenshotAsync(page, "trunk-test");
    }

    [Fact]
    public async Task Admin_lifts_the_lockout_of_an_extension_locked_by_wrong_passwords()
    {
        await pbx.CreateExtensionAsync("4901", "Guessed");
        var extension = pbx.Services.GetRequiredService<IGrainFactory>().GetGrain<Pbx.Grains.Extensions.IExtensionGrain>("4901");
        // Wrong passwords from a guesser's address until the lockout engages (Sip:Auth:MaxFailures of them).
        Pbx.Grains.Extensions.LockoutStatus lockout;
        do
            lockout = await extension.RecordAuthFailureAsync("203.0.113.9");
        while (lockout.LockedUntil is null && lockout.TotalFailures < 100);
        lockout.LockedUntil.ShouldNotBeNull();
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin");
        await ConsolePage.OpenAsync(page, "Extensions", "Extensions");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit 4901" }).ClickAsync();
        await Expect(page.GetByText("Locked out after wrong passwords until")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Lift the lockout" }).ClickAsync();

        await Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync("Lockout lifted");
        (await extension.GetStatusAsync()).Lockout.LockedUntil.ShouldBeNull();
    }

    [Fact]
    public async Task Uzbek_recordings_page_finds_a_recording_plays_it_and_deletes_it()
    {
        var callId = $"rec-page-{Guid.NewGuid():N}";
        await pbx.SeedRecordingAsync(callId);
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin", language: ConsoleLanguage.Uzbek);
        await ConsolePage.OpenAsync(page, "Yozuvlar", "Yozuvlar");
        await page.GetByLabel("Qoʻngʻiroq ID").FillAsync(callId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrlash" }).ClickAsync();
        var rows = page.Locator("table.recordings tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("1 s");

        await rows.First.GetByRole(AriaRole.Button, new() { Name = "Tinglash" }).ClickAsync();
        var audio = rows.First.Locator("audio");
        await Expect(audio).ToBeVisibleAsync();
        // The browser has read the WAV's header: a one-second recording.
        await page.WaitForFunctionAsync("a => a.readyState >= 1 && Math.round(a.duration) === 1", await audio.ElementHandleAsync());
        await Browser.ScreenshotAsync(page, "languages/uz-recordings");

        var confirmations = AnswerConfirmations(page, accept: true);
        await rows.First.GetByRole(AriaRole.Button, new() { Name = "Oʻchirish" }).ClickAsync();
        await Expect(page.GetByText("Filtrlarga mos yozuvlar yoʻq.")).ToBeVisibleAsync();
        confirmations.Asked.ShouldHaveSingleItem().ShouldContain($"{callId} qoʻngʻirogʻining yozuvi oʻchirilsinmi?");
    }

    [Fact]
    public async Task System_status_shows_the_silo_edge_media_node_database_and_version()
    {
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin");
        await ConsolePage.OpenAsync(page, "System status", "System status");
        await Expect(page.GetByTestId("system-database")).ToHaveTextAsync("answering");
        await Expect(page.Locator("table.silos tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.silos tbody tr")).ToContainTextAsync("active");
        await Expect(page.GetByTestId("system-edges").Locator("li")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.media-nodes tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("system-version")).Not.ToBeEmptyAsync();
        await Expect(page.GetByText("Time zone: Asia/Tashkent")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "system-status");
    }

    [Fact]
    public async Task Admin_only_pages_are_not_offered_to_other_roles()
    {
        var viewer = await ConsolePage.SignInAsync(browser, pbx, "viewer");
        var navigation = viewer.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Navigation);
        foreach (var shown in new[] { "Trunks", "Dial rules", "Recordings" })
            await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = shown, Exact = true })).ToBeVisibleAsync();
        foreach (var hidden in new[] { "Users", "System status" })
            await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = hidden, Exact = true })).ToHaveCountAsync(0);
        await viewer.GotoAsync("/console/#/users");
        await Expect(viewer.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Every_page_fits_a_phone_screen_without_scrolling_sideways()
    {
        var page = await ConsolePage.SignInAsync(browser, pbx, "admin", 375, 812);
        var offenders = new List<string>();
        foreach (var (link, heading) in ConsoleLanguage.English.Pages)
        {
            await ConsolePage.OpenAsync(page, link, heading);
            await Expect(page.Locator("main .loading")).ToHaveCountAsync(0);
            if (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"))
                offenders.Add(link);
            await Browser.ScreenshotAsync(page, $"phone-width/{Slug(link)}");
        }
        offenders.ShouldBeEmpty("these pages scroll sideways at 375 px");
    }

    /// <summary>Answers every confirm() of <paramref name="page"/> from now on as <see cref="Confirmations.Accept"/> says, noting the questions.</summary>
    private static Confirmations AnswerConfirmations(IPage page, bool accept)
    {
        var confirmations = new Confirmations { Accept = accept };
        page.Dialog += async (_, dialog) =>
        {
            confirmations.Asked.Add(dialog.Message);
            await (confirmations.Accept ? dialog.AcceptAsync() : dialog.DismissAsync());
        };
        return confirmations;
    }

    private sealed class Confirmations
    {
        public bool Accept { get; set; }

        public List<string> Asked { get; } = [];
    }

    private static async Task ExpectNoSidewaysScrollingAsync(IPage page) =>
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).ShouldBeFalse("the page scrolls sideways");
}
