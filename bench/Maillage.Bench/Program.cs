using Maillage.Bench;

// dotnet run -c Release --project bench/Maillage.Bench -- directory [--actors 1000000] [--postgres "Host=…;Username=…"] [--plans] [--export] [--data DOSSIER gardé et réutilisé]
if (args.FirstOrDefault() == "directory")
{
    return await DirectoryBench.RunAsync(args[1..]);
}

Console.WriteLine("Bancs disponibles : directory [--actors N] [--postgres CHAÎNE] [--plans] [--export] [--data DOSSIER gardé et réutilisé]");
return 1;
