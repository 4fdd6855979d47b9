using Microsoft.AspNetCore.Http.HttpResults;

namespace Pbx.ApiHost.Problems;

/// <summary>Collects what is wrong with each field of a request, so one 400 names them all.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var reasons))
            _errors[field] = reasons = [];
        reasons.Add(reason);
    }

    public void Require(bool condition, string field, string reason)
    {
        if (!condition)
            Add(field, reason);
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(
            _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
            title: "One or more fields are invalid.");
}
