namespace Pbx.ApiHost.Apis.Prompts;

/// <summary>What became of a request to delete a prompt.</summary>
public enum PromptDeletion
{
    NotFound,

    /// <summary>A system prompt: kept (it can be replaced by an upload, not deleted).</summary>
    System,

    Deleted,

    /// <summary>Its file could not be removed, so the row stays too.</summary>
    FileKept,
}
