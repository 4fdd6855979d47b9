namespace Pbx.ApiHost.Apis.Prompts;

/// <summary>
/// The words of the built-in prompts, in the console's three languages (Uzbek in Latin script), one row per prompt. The
/// names are what IVR menus and queues refer to; an administrator's upload of the same name and language replaces the
/// spoken one.
/// </summary>
public static class SystemPromptTexts
{
    /// <summary>The languages spoken, each an espeak-ng voice.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "ru", "uz"];

    private static readonly (string Name, string En, string Ru, string Uz)[] Table =
    [
        ("digit-0", "zero", "ноль", "nol"),
        ("digit-1", "one", "один", "bir"),
        ("digit-2", "two", "два", "ikki"),
        ("digit-3", "three", "три", "uch"),
        ("digit-4", "four", "четыре", "to'rt"),
        ("digit-5", "five", "пять", "besh"),
        ("digit-6", "six", "шесть", "olti"),
        ("digit-7", "seven", "семь", "yetti"),
        ("digit-8", "eight", "восемь", "sakkiz"),
        ("digit-9", "nine", "девять", "to'qqiz"),
        ("welcome", "Welcome.", "Добро пожаловать.", "Xush kelibsiz."),
        ("enter-extension", "Please enter the extension number.", "Пожалуйста, наберите внутренний номер.", "Iltimos, ichki raqamni tering."),
        ("invalid-option", "Invalid option.", "Неверный выбор.", "Noto'g'ri tanlov."),
        ("please-hold", "Please hold.", "Пожалуйста, оставайтесь на линии.", "Iltimos, kutib turing."),
        ("extension-busy", "The extension is busy.", "Абонент занят.", "Abonent band."),
        ("extension-unavailable", "The extension is not available.", "Абонент недоступен.", "Abonent mavjud emas."),
        ("closed", "We are closed now. Please call again during business hours.", "Сейчас мы не работаем. Пожалуйста, позвоните в рабочее время.", "Hozir ishlamaymiz. Iltimos, ish vaqtida qo'ng'iroq qiling."),
        ("goodbye", "Goodbye.", "До свидания.", "Xayr."),
    ];

    /// <summary>Every prompt in every language.</summary>
    public static readonly IReadOnlyList<SystemPromptText> All =
    [
        .. Table.SelectMany(row => new[]
        {
            new SystemPromptText(row.Name, "en", row.En),
            new SystemPromptText(row.Name, "ru", row.Ru),
            new SystemPromptText(row.Name, "uz", row.Uz),
        }),
    ];
}
