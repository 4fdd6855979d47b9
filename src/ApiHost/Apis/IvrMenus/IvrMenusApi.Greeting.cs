using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Pbx.ApiHost.Apis.Prompts;
using Pbx.ApiHost.Problems;
using Pbx.Data.IvrMenus;
using Pbx.Data.Prompts;
using Pbx.Grains.Menus;

namespace Pbx.ApiHost.Apis.IvrMenus;

public static partial class IvrMenusApi
{
    /// <summary>
    /// A menu's greeting uploaded as it is recorded (multipart <c>file</c>: WAV, MP3 or Ogg Vorbis): stored in the prompts
    /// library as <c>menu-{id}-greeting</c> in the menu's language (replacing the previous one) and made the menu's
    /// greeting. The library's answers for a file it cannot take (413, 415, 400) are this endpoint's.
    /// </summary>
    internal static async Task<Results<Ok<IvrMenu>, ValidationProblem, ProblemHttpResult>> UploadGreetingAsync(
        string id, IFormFile? file, IvrMenuRepository menus, PromptLibrary library, IOptions<PromptOptions> options, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (await menus.GetAsync(id, cancellationToken) is not { } menu)
            return ApiProblems.NotFound("IVR menu", id);
        var name = $"menu-{id}-greeting";
        var uploaded = await PromptsApi.UploadAsync(file, name, menu.Language, library, options, cancellationToken);
        switch (uploaded.Result)
        {
            case ValidationProblem invalid:
                return invalid;
            case ProblemHttpResult problem:
                return problem;
        }
        if (await menus.UpdateAsync(menu with { Greeting = name }, cancellationToken) is not { } updated)
            return ApiProblems.NotFound("IVR menu", id);
        await grains.GetGrain<IIvrMenuGrain>(id).ForgetAsync();
        return TypedResults.Ok(updated);
    }
}
