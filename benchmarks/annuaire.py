"""Banc d'essai de l'annuaire : importer un flux FINESS de taille nationale, puis chercher les
contacts d'un repérage (ce que fera le service HTTP à chaque ``?commune=``).

    .venv/bin/python benchmarks/annuaire.py            # 100 000 établissements
    .venv/bin/python benchmarks/annuaire.py --n 20000

Le flux est fabriqué à partir des établissements actifs de l'échantillon livré (copiés avec
d'autres numéros, communes et positions réparties sur la métropole) : même schéma que le
vrai flux, taille voisine du fichier national (environ 100 000 établissements). Les chiffres
dépendent de la charge de la machine (2 cœurs partagés) : à relire comme des ordres de
grandeur.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
ECHANTILLON = RACINE / "examples" / "annuaire" / "finess-structures-echantillon-20260309.json"
CATEGORIES = ("500", "354", "460", "209", "127", "156", "197", "190", "182", "446", "445",
              "609", "606", "463", "124", "603", "355", "101", "362", "207", "109", "620")


def fabriquer_flux(n: int, chemin: Path, graine: int = 1) -> None:
    aleatoire = random.Random(graine)
    flux = json.loads(ECHANTILLON.read_text(encoding="utf-8"))
    modeles = [e for p in flux["pmej"] for e in p.get("ege", []) if e["etatObjet"] == "A"
               and e["adresse"] and e["adresse"][0].get("coordonneesGeographique")]
    pmej = []
    for i in range(n):
        ege = json.loads(json.dumps(aleatoire.choice(modeles)))
        info = ege["informationsGeneralesEGE"]
        info["numFinessEge"] = f"{aleatoire.randint(1, 95):02d}{i:07d}"
        ege["categorieentiteGeographiqueExercice"] = aleatoire.choice(CATEGORIES)
        ege["etatObjet"] = "A" if aleatoire.random() > 0.1 else "I"
        departement = aleatoire.randint(1, 95)
        adresse = ege["adresse"][0]
        adresse["cogCommune"] = f"{departement:02d}{aleatoire.randint(1, 400):03d}"
        geo = adresse["coordonneesGeographique"]
        geo["directionLatitude"] = f"{aleatoire.uniform(42.5, 50.9):.6f}"
        geo["directionLongitude"] = f"{aleatoire.uniform(-4.4, 7.9):.6f}"
        pmej.append({"informationsGeneralesPMEJ": {"numFinessPm": f"PM{i:07d}"},
                     "adresse": [], "evenement": [], "etatObjet": "A",
                     "dateDerniereMaj": "2026-01-01", "ege": [ege]})
    flux["pmej"] = pmej
    chemin.write_text(json.dumps(flux), encoding="utf-8")


def main() -> int:
    analyseur = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    analyseur.add_argument("--n", type=int, default=100_000, help="établissements du flux")
    analyseur.add_argument("--recherches", type=int, default=200)
    analyseur.add_argument("--fabriquer", metavar="FICHIER", help=argparse.SUPPRESS)
    args = analyseur.parse_args()
    if args.fabriquer:
        fabriquer_flux(args.n, Path(args.fabriquer))
        return 0

    from orientation import Situation, screen
    from orientation.annuaire import Annuaire, enrichir

    with tempfile.TemporaryDirectory(prefix="banc-annuaire-") as dossier:
        dossier = Path(dossier)
        flux = dossier / "flux.json"
        debut = time.perf_counter()
        # Fabriqué dans un processus à part : sous Linux, la mémoire maximale d'un processus
        # fils compte celle du père au moment du fork, et ce flux en prend beaucoup.
        subprocess.run([sys.executable, __file__, "--fabriquer", str(flux), "--n", str(args.n)],
                       check=True)
        print(f"flux fabriqué : {args.n} établissements, "
              f"{flux.stat().st_size / 1e6:.0f} Mo ({time.perf_counter() - debut:.1f} s)")

        # L'import dans son propre processus, comme « orientation annuaire importer » : sa
        # mémoire maximale est la sienne, pas celle de la fabrication du flux.
        debut = time.perf_counter()
        code = ("import resource, sys\n"
                "from orientation.interfaces.cli import main\n"
                "code = main(sys.argv[1:])\n"
                "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
                "sys.exit(code)")
        sortie = subprocess.run(
            [sys.executable, "-c", code, "annuaire", "importer", str(flux),
             str(RACINE / "examples" / "annuaire" / "territoire_exemple_ain.csv"),
             "--annuaire", str(dossier / "index")], capture_output=True, text=True, check=True)
        duree = time.perf_counter() - debut
        memoire = int(sortie.stdout.strip().splitlines()[-1]) / 1024
        index = dossier / "index" / "annuaire.sqlite"
        print(f"import : {duree:.1f} s ({args.n / duree:,.0f} établissements/s), "
              f"index {index.stat().st_size / 1e6:.0f} Mo, mémoire maximale "
              f"{memoire:.0f} Mo".replace(",", " "))
        print("  " + sortie.stdout.strip().splitlines()[-2])

        situation = Situation.model_validate(json.loads(
            (RACINE / "examples" / "03_personne_agee_complexe.json").read_text()))
        orientation = screen(situation)
        communes = [f"{random.Random(i).randint(1, 95):02d}{random.Random(-i).randint(1, 400):03d}"
                    for i in range(args.recherches)]
        for nom, ouvrir in (("index ouvert une fois", True), ("dossier, ouvert à chaque appel",
                                                               False)):
            durees = []
            if ouvrir:
                annuaire = Annuaire(dossier / "index")
            for commune in communes:
                debut = time.perf_counter()
                enrichir(orientation, commune, annuaire if ouvrir else dossier / "index")
                durees.append((time.perf_counter() - debut) * 1000)
            if ouvrir:
                annuaire.fermer()
            durees.sort()
            print(f"contacts d'un repérage complexe ({nom}) : médiane "
                  f"{statistics.median(durees):.1f} ms, 95e centile "
                  f"{durees[int(len(durees) * 0.95) - 1]:.1f} ms ({len(durees)} communes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
