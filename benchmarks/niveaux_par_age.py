"""Part de chaque niveau de parcours par tranche d'âge, sur la cohorte « population ».

    .venv/bin/python benchmarks/niveaux_par_age.py                  # 100 000 personnes, graine 11
    .venv/bin/python benchmarks/niveaux_par_age.py --n 50000 --seed 11

Le même chemin que la ligne de commande : ``orientation synth --profil population`` puis
``orientation batch`` (``tables.synthese.ecrire_cohorte`` et ``tables.lot.executer``), dans un
dossier temporaire effacé à la fin (personnes fictives). Imprime, en Markdown, la part des
niveaux par tranche d'âge, la part des parcours complexes par raison, et les fonctions
d'appui les plus proposées : ce que ``docs/niveaux_par_age.md`` recopie. Aucune assertion :
c'est une mesure, relue et argumentée dans la documentation.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

TRANCHES = [(0, 17), (18, 39), (40, 59), (60, 74), (75, 84), (85, 200)]
# Les règles qui, seules, rendent un parcours complexe (rules/) : pour dire pourquoi.
RAISONS = {
    "R-COMPLEXITE-PLURISECTORIELLE":
        "plusieurs secteurs et un risque de rupture dans deux domaines",
    "R-COMPLEXITE-FACTEURS-RUPTURE": "risque de rupture dans trois domaines",
    "R-COMPLEXITE-DANGER": "danger",
    "R-COMPLEXITE-RESSENTIE": "jugement du professionnel",
    "R-APPUI-DAC-DEJA-EN-PLACE": "déjà suivi par un DAC",
    "R-AUTONOMIE-DEPENDANCE-LOURDE": "dépendance lourde sans relais",
    "R-APPUI-GESTION-DE-CAS": "critères de gestion de cas",
    "R-SOCIAL-PSYCHIATRIE-PRECARITE": "troubles psychiques et exclusion des soins",
    "R-SOCIAL-SANS-DOMICILE-SOINS": "sans domicile et malade",
    "R-HANDICAP-SANS-SOLUTION": "handicap sans solution",
    "R-HANDICAP-RARE": "handicap rare",
}


def _nombre(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def mesurer(n: int, graine: int) -> str:
    from orientation.tables.lot import executer
    from orientation.tables.synthese import ecrire_cohorte

    with tempfile.TemporaryDirectory() as dossier:
        entree, sortie = Path(dossier) / "pop.csv", Path(dossier) / "out.csv"
        ecrire_cohorte(n, graine, entree, sys.stdout, profil="population")
        bilan = executer(entree, sortie)
        ages = pd.read_csv(entree, dtype=str, usecols=["id", "age"])
        resultats = pd.read_csv(sortie, dtype=str, usecols=["id", "niveau", "appuis", "regles"])
    d = ages.merge(resultats, on="id")
    d["age"] = d["age"].astype(int)
    d["tranche"] = pd.cut(d["age"], [-1] + [h for _, h in TRANCHES],
                          labels=[f"{b}-{h}" if h < 200 else f"{b} et plus" for b, h in TRANCHES])
    lignes = [f"Cohorte « population », {_nombre(n)} personnes, graine {graine} ; "
              f"{_nombre(bilan.reperees)} repérées, {bilan.rejetees} rejetées.", "",
              "| tranche d'âge | personnes | simple | coordonné | complexe |",
              "|---|---:|---:|---:|---:|"]

    def ligne(nom: str, groupe: pd.DataFrame) -> str:
        parts = groupe["niveau"].value_counts(normalize=True)
        return (f"| {nom} | {_nombre(len(groupe))} | "
                + " | ".join(f"{parts.get(x, 0) * 100:.1f} %"
                             for x in ("simple", "coordonne", "complexe")) + " |")

    for nom, groupe in d.groupby("tranche", observed=True):
        lignes.append(ligne(str(nom), groupe))
    lignes.append(ligne("**75 ans et plus**", d[d["age"] >= 75]))
    lignes.append(ligne("**ensemble**", d))

    complexes = d[(d["age"] >= 75) & (d["niveau"] == "complexe")]
    raisons: Counter[str] = Counter()
    for regles in complexes["regles"].fillna(""):
        tirees = set(regles.split(";"))
        for ident, libelle in RAISONS.items():
            if ident in tirees:
                raisons[libelle] += 1
    lignes += ["", "Parcours complexes des 75 ans et plus : raisons (une personne peut en "
               "cumuler plusieurs)", "", "| raison | part des complexes |", "|---|---:|"]
    lignes += [f"| {r} | {c / max(1, len(complexes)) * 100:.1f} % |"
               for r, c in raisons.most_common()]
    appuis: Counter[str] = Counter(a for x in d["appuis"].fillna("") for a in x.split(";") if a)
    lignes += ["", "Fonctions d'appui proposées (part de l'ensemble de la cohorte)", "",
               "| fonction d'appui | part |", "|---|---:|"]
    lignes += [f"| {a} | {c / len(d) * 100:.2f} % |" for a, c in appuis.most_common()]
    return "\n".join(lignes)


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--n", type=int, default=100_000)
    analyseur.add_argument("--seed", type=int, default=11)
    args = analyseur.parse_args()
    print(mesurer(args.n, args.seed))


if __name__ == "__main__":
    main()
