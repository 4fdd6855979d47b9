using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pbx.ApiHost.Problems;

/// <summary>
/// Text with a NUL character (U+0000) is refused as a 400 naming the field, in query strings and JSON bodies alike:
/// PostgreSQL cannot store it in text (SQLSTATE 22021), and a filter or name carrying one used to end as a 500.
/// </summary>
internal static class NulCharacters
{
    public const string Message = "must not contain the NUL character (U+0000).";

    /// <summary>Refuses a request whose query string carries a NUL in any parameter, before any endpoint runs.</summary>
    public static WebApplication UseNulFreeQueries(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // Every request passes here: the common case (no NUL) allocates nothing.
            if (!context.Request.QueryString.HasValue || !context.Request.Query.Any(CarriesNul))
            {
                await next(context);
                return;
            }
            var errors = new ValidationErrors();
            foreach (var parameter in context.Request.Query.Where(CarriesNul))
                errors.Add(parameter.Key, Message, ProblemCodes.NulCharacter);
            await errors.ToProblem().ExecuteAsync(context);
        });
        return app;
    }

    private static bool CarriesNul(KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> parameter) =>
        parameter.Value.Any(value => value?.Contains('\0', StringComparison.Ordinal) == true);

    /// <summary>Reads JSON strings as usual but refuses one with a NUL; the problem details name its field.</summary>
    internal sealed class RefusingConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            return value is not null && value.Contains('\0', StringComparison.Ordinal) ? throw new NulCharacterException() : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>What <see cref="RefusingConverter"/> throws; the JSON reader adds the field's path to it.</summary>
    internal sealed class NulCharacterException() : JsonException(NulCharacters.Message);
}
