using Pbx.Grains.Menus;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Menus;

/// <summary>
/// A caller in the main menu, event by event. Main: 1 sales (extension 2001), 2 support menu, 0 operator outside
/// (+998712000000), 9 hang up, * repeat; direct dial on; two retries, then the operator. Support: 1 extension 2002,
/// 8 back. Each row: the events ("1" a key, "timeout" the input time running out, "invalid" a typed number that is no
/// extension) and the command each gives, written short.
/// </summary>
public sealed class MenuMachineTests
{
    private static readonly MenuDefinition Main = new("main", "main-greeting", new Dictionary<char, MenuDestination>
    {
        ['1'] = new(MenuDestination.Extension, "2001"),
        ['2'] = new(MenuDestination.Menu, "support"),
        ['0'] = new(MenuDestination.Outside, "+998712000000"),
        ['9'] = new(MenuDestination.Hangup),
        ['*'] = new(MenuDestination.Repeat),
    }, InvalidPrompt: "invalid", TimeoutPrompt: "no-input", MaxRetries: 2, Final: new(MenuDestination.Outside, "+998712000000"));

    private static readonly MenuDefinition Support = new("support", "support-greeting", new Dictionary<char, MenuDestination>
    {
        ['1'] = new(MenuDestination.Extension, "2002"),
        ['8'] = new(MenuDestination.Back),
    }, DirectDial: false);

    public static TheoryData<string, string[], string[]> Rows => new()
    {
        { "a key with an action acts at once", ["1"], ["connect extension 2001"] },
        { "a key to another menu enters it", ["2", "support"], ["enter support", "play support-greeting wait 5"] },
        { "the operator key rings out", ["0"], ["connect outside +998712000000"] },
        { "the hang-up key", ["9"], ["hang up"] },
        { "repeat plays the greeting again without a retry", ["*", "*", "*", "timeout"], ["play main-greeting wait 5", "play main-greeting wait 5", "play main-greeting wait 5", "play no-input,main-greeting wait 5"] },
        { "direct dial: digits typed then a pause", ["3", "0", "4", "timeout"], ["await 3", "await 3", "await 3", "dial 304"] },
        { "direct dial: # ends the number at once", ["3", "0", "#"], ["await 3", "await 3", "dial 30"] },
        { "direct dial: a key with an action counts as a digit once typing started", ["3", "1", "#"], ["await 3", "await 3", "dial 31"] },
        { "a typed number that is no extension is invalid", ["5", "5", "#", "invalid"], ["await 3", "await 3", "dial 55", "play invalid,main-greeting wait 5"] },
        { "silence: the timeout prompt, then after the retries the final destination", ["timeout", "timeout", "timeout"],
            ["play no-input,main-greeting wait 5", "play no-input,main-greeting wait 5", "connect outside +998712000000"] },
        { "timeouts and invalid entries share the retry limit", ["timeout", "#", "timeout"],
            ["play no-input,main-greeting wait 5", "play invalid,main-greeting wait 5", "connect outside +998712000000"] },
        { "in a menu without direct dial an unassigned digit is invalid", ["2", "support", "5"],
            ["enter support", "play support-greeting wait 5", "play support-greeting wait 5"] },
        { "back returns to the menu before", ["2", "support", "8"], ["enter support", "play support-greeting wait 5", "enter main"] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_event_of_a_caller_in_a_menu_gives_one_command(string situation, string[] events, string[] expected)
    {
        var state = new MenuState();
        var menus = new Dictionary<string, MenuDefinition> { ["main"] = Main, ["support"] = Support };
        MenuMachine.Enter(state, Main);

        var commands = events.Select(e => Describe(e switch
        {
            "timeout" => MenuMachine.OnTimeout(state, menus[state.MenuId]),
            "invalid" => MenuMachine.Invalid(state, menus[state.MenuId]),
            "support" => MenuMachine.Enter(state, Support),
            _ => MenuMachine.OnKey(state, menus[state.MenuId], e[0]),
        })).ToArray();

        commands.ShouldBe(expected, situation);
    }

    [Fact]
    public void A_closed_menu_sends_the_caller_on_to_its_closed_destination_at_once()
    {
        var state = new MenuState();
        var night = Main with { Closed = new MenuDestination(MenuDestination.Menu, "night") };

        Describe(MenuMachine.Enter(state, night, open: false)).ShouldBe("enter night");
        Describe(MenuMachine.Enter(new MenuState(), Main with { Closed = new(MenuDestination.Extension, "2099") }, open: false))
            .ShouldBe("connect extension 2099");
        Describe(MenuMachine.Enter(new MenuState(), Main, open: false)).ShouldBe("hang up", "closed with no closed destination");
        Describe(MenuMachine.Enter(new MenuState(), night, open: true)).ShouldBe("play main-greeting wait 5");
        state.Path.ShouldBe(["main"], "the closed menu is on the caller's path");
    }

    [Fact]
    public void Entering_a_menu_plays_its_greeting_and_starts_its_retries_afresh()
    {
        var state = new MenuState();
        MenuMachine.Enter(state, Main);
        MenuMachine.OnTimeout(state, Main);

        var command = MenuMachine.Enter(state, Support);

        Describe(command).ShouldBe("play support-greeting wait 5");
        (state.MenuId, state.Retries, string.Join('>', state.Path)).ShouldBe(("support", 0, "main>support"));
    }

    [Fact]
    public void The_keys_pressed_and_the_menus_entered_are_kept_for_the_cdr()
    {
        var state = new MenuState();
        MenuMachine.Enter(state, Main);
        MenuMachine.OnKey(state, Main, '2');
        MenuMachine.Enter(state, Support);
        MenuMachine.OnKey(state, Support, '1');

        (state.Keys, string.Join('>', state.Path)).ShouldBe(("21", "main>support"));
    }

    [Fact]
    public void Back_leaves_the_path_as_if_the_menu_before_were_entered_again()
    {
        var state = new MenuState();
        MenuMachine.Enter(state, Main);
        MenuMachine.Enter(state, Support);

        var back = MenuMachine.OnKey(state, Support, '8').ShouldBeOfType<EnterMenu>();
        MenuMachine.Enter(state, Main);

        back.MenuId.ShouldBe("main");
        string.Join('>', state.Path).ShouldBe("main");
    }

    private static string Describe(MenuCommand command) => command switch
    {
        PlayPrompts play => $"play {string.Join(',', play.Prompts)} wait {play.Wait.TotalSeconds}",
        AwaitDigit digit => $"await {digit.Wait.TotalSeconds}",
        EnterMenu enter => $"enter {enter.MenuId}",
        ConnectCaller connect => $"connect {connect.Kind} {connect.Number}",
        DialTyped typed => $"dial {typed.Number}",
        HangUpCaller => "hang up",
        _ => command.ToString(),
    };
}
