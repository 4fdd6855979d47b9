using System.Net;
using System.Text.Json;

namespace Pbx.ApiHost.Tests;

/// <summary>Reads and checks an RFC 9457 problem details response.</summary>
internal static class Problem
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe((int)expected);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
        // The console translates problems by their code, so every problem has one.
        problem.GetProperty("code").GetString().ShouldNotBeNullOrEmpty(body);
        body.ShouldNotContain("   at ", customMessage: "a stack trace left the server");
        return problem;
    }

    /// <summary>A 400 validation problem; returns the reasons given for each field.</summary>
    public static async Task<Dictionary<string, string[]>> ReadValidationAsync(HttpResponseMessage response)
    {
        var problem = await ReadAsync(response, HttpStatusCode.BadRequest);
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
