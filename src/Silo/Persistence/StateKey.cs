using Npgsql;

namespace Pbx.Silo.Persistence;

/// <summary>The primary key of one grain_state row.</summary>
internal readonly record struct StateKey(string Type, string Key, string Name)
{
    /// <summary>
    /// Adds the keys of <paramref name="requests"/> as the first three parameters, one text array per column, in the
    /// order the batched statements unnest them.
    /// </summary>
    public static void AddArrayParameters<TRequest>(NpgsqlCommand command, IReadOnlyList<TRequest> requests, Func<TRequest, StateKey> key)
    {
        var types = new string[requests.Count];
        var keys = new string[requests.Count];
        var names = new string[requests.Count];
        for (var i = 0; i < requests.Count; i++)
            (types[i], keys[i], names[i]) = key(requests[i]);
        command.Parameters.Add(new NpgsqlParameter { Value = types });
        command.Parameters.Add(new NpgsqlParameter { Value = keys });
        command.Parameters.Add(new NpgsqlParameter { Value = names });
    }
}
