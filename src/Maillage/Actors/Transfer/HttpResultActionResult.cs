using Microsoft.AspNetCore.Mvc;

namespace Maillage.Actors.Transfer;

/// <summary>Runs a minimal API result (a streamed file) from a page handler.</summary>
public sealed class HttpResultActionResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return result.ExecuteAsync(context.HttpContext);
    }
}
