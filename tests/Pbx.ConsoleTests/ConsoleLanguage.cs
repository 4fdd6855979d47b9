namespace Pbx.ConsoleTests;

/// <summary>
/// A language of the console as a user meets it: the browser locale that picks it, the words they sign in and out with, and each
/// page of the navigation as its link and its heading read.
/// </summary>
public sealed record ConsoleLanguage(
    string Code, string Locale, string UserName, string Password, string SignIn, string SignOut, string Dashboard, IReadOnlyList<(string Link, string Heading)> Pages)
{
    public static ConsoleLanguage English { get; } = new("en", "en-US", "User name", "Password", "Sign in", "Sign out", "Dashboard",
    [
        ("Dashboard", "Dashboard"), ("Wallboard", "Active calls"), ("Extensions", "Extensions"), ("Live calls", "Live calls"),
        ("Call history", "Call history"), ("Recordings", "Recordings"), ("DID numbers", "DID numbers"), ("Trunks", "Trunks"),
        ("Dial rules", "Dial rules"), ("Prompts", "Prompts"), ("Time conditions", "Time conditions"), ("Users", "Users"), ("System status", "System status"), ("Phone", "Phone"),
    ]);

    public static ConsoleLanguage Russian { get; } = new("ru", "ru-RU", "Имя пользователя", "Пароль", "Войти", "Выйти", "Сводка",
    [
        ("Сводка", "Сводка"), ("Табло", "Активные звонки"), ("Добавочные номера", "Добавочные номера"), ("Текущие звонки", "Текущие звонки"),
        ("История звонков", "История звонков"), ("Записи", "Записи"), ("DID-номера", "DID-номера"), ("Транки", "Транки"),
        ("Правила набора", "Правила набора"), ("Голосовые сообщения", "Голосовые сообщения"),
        ("Расписания", "Расписания"), ("Пользователи", "Пользователи"), ("Состояние системы", "Состояние системы"), ("Телефон", "Телефон"),
    ]);

    public static ConsoleLanguage Uzbek { get; } = new("uz", "uz-UZ", "Foydalanuvchi nomi", "Parol", "Kirish", "Chiqish", "Boshqaruv paneli",
    [
        ("Boshqaruv paneli", "Boshqaruv paneli"), ("Tablo", "Faol qoʻngʻiroqlar"), ("Ichki raqamlar", "Ichki raqamlar"),
        ("Joriy qoʻngʻiroqlar", "Joriy qoʻngʻiroqlar"), ("Qoʻngʻiroqlar tarixi", "Qoʻngʻiroqlar tarixi"), ("Yozuvlar", "Yozuvlar"),
        ("DID raqamlar", "DID raqamlar"), ("Tranklar", "Tranklar"), ("Terish qoidalari", "Terish qoidalari"),
        ("Ovozli xabarlar", "Ovozli xabarlar"), ("Ish vaqti jadvallari", "Ish vaqti jadvallari"),
        ("Foydalanuvchilar", "Foydalanuvchilar"), ("Tizim holati", "Tizim holati"), ("Telefon", "Telefon"),
    ]);

    public override string ToString() => Code;
}
