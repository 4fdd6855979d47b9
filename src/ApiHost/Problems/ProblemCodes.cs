namespace Pbx.ApiHost.Problems;

/// <summary>
/// The stable <c>code</c> member of every problem details body: what went wrong as a key the console translates, where
/// <c>title</c> and <c>detail</c> are English for people reading logs. New codes are added, existing ones never change.
/// </summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation.failed";
    public const string FieldRequired = "validation.field_required";
    public const string FieldInvalid = "validation.field_invalid";
    public const string UnknownField = "validation.unknown_field";
    public const string WrongType = "validation.wrong_type";
    public const string NulCharacter = "validation.nul_character";
    public const string Unreadable = "request.unreadable";
    public const string BadRequest = "request.invalid";
    public const string MethodNotAllowed = "request.method_not_allowed";
    public const string UnsupportedMediaType = "request.unsupported_media_type";
    public const string TooLarge = "request.too_large";
    public const string InvalidCredentials = "auth.invalid_credentials";
    public const string Unauthorized = "auth.unauthorized";
    public const string SessionEnded = "auth.session_ended";
    public const string Forbidden = "auth.forbidden";
    public const string RateLimited = "auth.rate_limited";
    public const string TooManyAttempts = "auth.too_many_attempts";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string NotImplemented = "not_implemented";
    public const string Unavailable = "unavailable";
    public const string Internal = "internal";
    public const string TrunkRealmRequired = "trunk.realm_required";
    public const string TrunkUsernameRequired = "trunk.username_required";
    public const string TrunkPasswordRequired = "trunk.password_required";
    public const string TrunkExists = "trunk.exists";
    public const string CallActionNotApplicable = "call.action_not_applicable";
    public const string CallNotOfExtension = "call.not_of_extension";
    public const string LanguageUnsupported = "preferences.language_unsupported";
    public const string UserExists = "user.exists";
    public const string UserLastAdmin = "user.last_admin";
    public const string PromptIsSystem = "prompt.system";
    public const string PromptUnreadable = "prompt.unreadable_audio";
    public const string PromptUnsupportedFormat = "prompt.unsupported_format";
    public const string TimeConditionExists = "time_condition.exists";

    /// <summary>The code of a problem whose producer named none: one per status.</summary>
    public static string ForStatus(int? status) => status switch
    {
        StatusCodes.Status400BadRequest => ValidationFailed,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status501NotImplemented => NotImplemented,
        StatusCodes.Status503ServiceUnavailable => Unavailable,
        >= 400 and < 500 => BadRequest,
        _ => Internal,
    };
}
