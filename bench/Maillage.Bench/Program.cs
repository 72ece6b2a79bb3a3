Console.WriteLine("Maillage bench");
