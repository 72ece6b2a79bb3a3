using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Erreur";
    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? 500;
        (Title, Message) = status switch
        {
            403 => ("Accès refusé", "Vos droits ne permettent pas cette action. Dans un territoire, demandez à l'un de ses administrateurs le rôle nécessaire ; pour l'administration de l'installation, adressez-vous à un administrateur de l'installation."),
            404 => ("Page introuvable", "Cette page n'existe pas, ou elle appartient à un territoire dont vous n'êtes pas membre."),
            400 => ("Requête invalide", "La requête n'a pas pu être lue. Si vous avez envoyé un formulaire, rechargez la page et recommencez."),
            429 => ("Trop de tentatives", "Trop de tentatives en peu de temps : patientez une minute avant de réessayer."),
            _ => ("Erreur inattendue", "Une erreur inattendue s'est produite. Elle a été journalisée ; réessayez dans un instant."),
        };
        if (status is >= 400 and < 600)
        {
            Response.StatusCode = status;
        }
    }
}
