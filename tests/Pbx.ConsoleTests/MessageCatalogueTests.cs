using System.Text.Json;
using System.Text.RegularExpressions;
using Pbx.TestSupport;
using Shouldly;

namespace Pbx.ConsoleTests;

/// <summary>
/// The console's message catalogues (Console/web/src/i18n/messages/*.json) against each other and against the pages:
/// a message missing in one language would show that user its key, a placeholder named differently would show
/// "{number}" instead of the number.
/// </summary>
public sealed partial class MessageCatalogueTests
{
    private static readonly string WebSource = Path.Combine(RepositoryRoot.Path, "src", "ApiHost", "Console", "web", "src");

    public static TheoryData<string> Languages => ["en", "ru", "uz"];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_language_has_every_message_and_no_other(string language)
    {
        var english = Catalogue("en").Keys;
        var messages = Catalogue(language).Keys;
        english.Except(messages).ShouldBeEmpty($"missing in {language}.json");
        messages.Except(english).ShouldBeEmpty($"in {language}.json but not in en.json");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_message_names_the_placeholders_of_its_english_text_and_is_not_blank(string language)
    {
        var english = Catalogue("en");
        var wrong = Catalogue(language)
            .Where(m => english.ContainsKey(m.Key))
            .Where(m => string.IsNullOrWhiteSpace(m.Value) || !Placeholders(m.Value).SetEquals(Placeholders(english[m.Key])))
            .Select(m => $"{m.Key}: \"{m.Value}\" against \"{english[m.Key]}\"")
            .ToList();
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Every_message_a_page_asks_for_by_name_is_in_the_catalogue()
    {
        var english = Catalogue("en");
        var asked = Directory.EnumerateFiles(WebSource, "*.js", SearchOption.AllDirectories)
            .SelectMany(file => TranslateCall().Matches(File.ReadAllText(file))
                .SelectMany(call => MessageKey().Matches(call.Groups["arguments"].Value))
                .Select(key => (File: Path.GetRelativePath(WebSource, file), Key: key.Groups["key"].Value)))
            .ToList();
        asked.Count.ShouldBeGreaterThan(100, "the pattern no longer finds the pages' t(...) calls");
        asked.Where(a => !english.ContainsKey(a.Key)).Select(a => $"{a.File}: {a.Key}").ShouldBeEmpty();
    }

    private static Dictionary<string, string> Catalogue(string language) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(WebSource, "i18n", "messages", $"{language}.json")))!;

    private static HashSet<string> Placeholders(string message) => [.. Placeholder().Matches(message).Select(m => m.Value)];

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();

    // t("nav.dashboard", ...) and t(done ? "a.b" : "c.d"): the arguments up to the first nested call or the end.
    [GeneratedRegex(@"\bt\((?<arguments>[^()]*)")]
    private static partial Regex TranslateCall();

    [GeneratedRegex("\"(?<key>[a-zA-Z]+\\.[\\w.-]+)\"")]
    private static partial Regex MessageKey();
}
