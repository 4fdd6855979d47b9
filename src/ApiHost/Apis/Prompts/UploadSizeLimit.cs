using Microsoft.AspNetCore.Http.Metadata;

namespace Pbx.ApiHost.Apis.Prompts;

/// <summary>
/// Raises Kestrel's request body limit (<c>Api:MaxRequestBodyBytes</c>, 1 MiB, for JSON bodies) on the upload endpoint to
/// the largest prompt plus room for the multipart framing and form fields; routing applies it before the body is read.
/// </summary>
internal sealed class UploadSizeLimit(long maxFileBytes) : IRequestSizeLimitMetadata
{
    private const long FormOverhead = 64 * 1024;

    public long? MaxRequestBodySize { get; } = maxFileBytes + FormOverhead;
}
