namespace Climaborough.Server.Identity;

/// <summary>The sign-in pages' words in English and Bulgarian (the app's two languages).</summary>
public static class AccountText
{
    private static readonly Dictionary<string, (string En, string Bg)> Strings = new(StringComparer.Ordinal)
    {
        ["AppName"] = ("Climaborough", "Climaborough"),
        ["SignInTitle"] = ("Sign in", "Вход"),
        ["UserName"] = ("User name or email", "Потребителско име или имейл"),
        ["Password"] = ("Password", "Парола"),
        ["SignIn"] = ("Sign in", "Вход"),
        ["SignInFailed"] = ("Sign-in failed: check the user name and password. After {0} failed attempts an account is locked for {1} minutes.", "Входът не успя: проверете потребителското име и паролата. След {0} неуспешни опита профилът се заключва за {1} минути."),
        ["NoAccount"] = ("No account yet? Ask your city coordinator for an invitation.", "Нямате профил? Поискайте покана от координатора на вашия град."),
        ["RegisterTitle"] = ("Create your account", "Създайте своя профил"),
        ["Register"] = ("Create account", "Създай профил"),
        ["NewUserName"] = ("User name (letters, digits, dots, dashes)", "Потребителско име (букви, цифри, точки, тирета)"),
        ["DisplayName"] = ("Display name", "Показвано име"),
        ["Email"] = ("Email", "Имейл"),
        ["NewPassword"] = ("Password (at least 10 characters)", "Парола (поне 10 знака)"),
        ["ConfirmPassword"] = ("Repeat the password", "Повторете паролата"),
        ["City"] = ("City", "Град"),
        ["NoCity"] = ("— none —", "— няма —"),
        ["Language"] = ("Preferred language", "Предпочитан език"),
        ["InvitationInvalid"] = ("This invitation is not valid: it was used already, it expired, or the link is incomplete. Ask for a new one.", "Тази покана не е валидна: вече е използвана, изтекла е или връзката е непълна. Поискайте нова."),
        ["InvitationNeeded"] = ("Registration is by invitation: open the link you were sent.", "Регистрацията е с покана: отворете връзката, която сте получили."),
        ["Required"] = ("This field is required.", "Това поле е задължително."),
        ["TooLong"] = ("At most {0} characters.", "Най-много {0} знака."),
        ["NameInvisible"] = ("A display name may not contain invisible or control characters (zero-width spaces, text-direction overrides, line breaks…).", "Показваното име не може да съдържа невидими или управляващи знаци (знаци с нулева ширина, смяна на посоката на текста, нови редове…)."),
        ["NameMarks"] = ("A letter may carry at most {0} accents or other combining marks.", "Една буква може да носи най-много {0} ударения или други диакритични знака."),
        ["BadRequest"] = ("This request could not be read. Go back and try again.", "Заявката не може да бъде прочетена. Върнете се и опитайте отново."),
        ["FormExpired"] = ("This form has expired (or cookies are blocked). Please fill it in again.", "Формулярът е изтекъл (или бисквитките са блокирани). Моля, попълнете го отново."),
        ["UserNameTaken"] = ("This user name is taken.", "Това потребителско име е заето."),
        ["EmailTaken"] = ("This email belongs to another account.", "Този имейл принадлежи на друг профил."),
        ["EmailInvalid"] = ("This is not an email address.", "Това не е имейл адрес."),
        ["UserNameInvalid"] = ("3 to 32 letters, digits, dots, dashes or underscores.", "3 до 32 букви, цифри, точки, тирета или долни черти."),
        ["PasswordShort"] = ("At least 10 characters.", "Поне 10 знака."),
        ["PasswordMismatch"] = ("The two passwords differ.", "Двете пароли се различават."),
        ["UnknownCity"] = ("Choose a partner city from the list.", "Изберете партньорски град от списъка."),
        ["PasswordTitle"] = ("Change your password", "Смяна на паролата"),
        ["CurrentPassword"] = ("Current password", "Текуща парола"),
        ["ChangePassword"] = ("Change password", "Смени паролата"),
        ["PasswordChanged"] = ("Your password was changed.", "Паролата ви е сменена."),
        ["PasswordWrong"] = ("The current password is wrong.", "Текущата парола е грешна."),
        ["BackToApp"] = ("Back to Climaborough", "Обратно към Climaborough"),
        ["SignedOut"] = ("You are signed out.", "Излязохте от профила си."),
        ["InvitedToLab"] = ("{0} invites you to the living lab “{1}” of {2}, as {3}. Create your account: you join the lab at once.", "{0} ви кани в живата лаборатория „{1}“ на {2} като {3}. Създайте профила си: влизате в лабораторията веднага."),
        ["LabRole_Observer"] = ("observer", "наблюдател"),
        ["LabRole_Member"] = ("member", "член"),
        ["LabRole_Moderator"] = ("moderator", "модератор"),
        ["LabRole_Owner"] = ("owner", "собственик"),
    };

    /// <summary>The supported language closest to what was asked (<c>en</c> by default).</summary>
    public static string Pick(string? requested) =>
        (requested ?? string.Empty).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(l => l is "en" or "bg") ?? "en";

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/>.</summary>
    public static string Get(string key, string language) =>
        Strings.TryGetValue(key, out var s) ? (language == "bg" ? s.Bg : s.En) : key;
}
