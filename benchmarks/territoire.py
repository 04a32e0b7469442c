"""Banc d'essai du diagnostic territorial et de l'essai de règles : un tableau de chiffres.

    .venv/bin/python benchmarks/territoire.py            # 10 000 et 100 000 patients
    .venv/bin/python benchmarks/territoire.py --n 20000  # une seule taille

Mesure, sur la cohorte synthétique (``orientation synth``, graine 1), dans ce processus :
- ``territoire`` : lecture et repérage de la cohorte (pipeline des cohortes), calcul des
  figures, rapport HTML (graphiques SVG par vl-convert) et PDF ;
- ``rules diff`` : exemples, situations des scénarios et cohorte repérés avec deux
  référentiels (PAERPA à 75 puis 70 ans, en mémoire), et comparaison ;
- l'exécution en mémoire de tous les scénarios de ``features/``.

Aucune assertion : les chiffres se lisent (et se recopient dans docs/benchmarks.md). Rien
n'est écrit sur disque (la cohorte est produite en mémoire).
"""

from __future__ import annotations

import argparse
import platform
import time

import numpy as np


def chrono(etiquette: str, fonction, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
    debut = time.perf_counter()
    resultat = fonction(*args, **kwargs)
    print(f"  {etiquette:<58} {time.perf_counter() - debut:8.2f} s")
    return resultat


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--n", type=int, action="append",
                           help="taille de cohorte (répétable ; défaut 10 000 et 100 000)")
    tailles = analyseur.parse_args().n or [10_000, 100_000]

    from orientation.referentiel import charger_referentiel, dossier_regles_par_defaut
    from orientation.referentiel.execution import executer_tous, lire_dossier
    from orientation.referentiel.impact import essayer
    from orientation.referentiel.memoire import avec_parametres, depuis_dossier
    from orientation.referentiel.scenarios import dossier_features_par_defaut
    from orientation.tables.synthese import cohorte_complete
    from orientation.territoire.diagnostic import diagnostiquer
    from orientation.territoire.lecture import reperer_tableau
    from orientation.territoire.rapport import rapport_html, rapport_pdf

    print(f"Python {platform.python_version()}, {platform.machine()}")
    avant = charger_referentiel(dossier_regles_par_defaut())
    apres = charger_referentiel(avec_parametres(depuis_dossier(dossier_regles_par_defaut()),
                                                {"paerpa.age_minimal": 70}))
    cas, _ = lire_dossier(dossier_features_par_defaut())
    print(f"Scénarios en mémoire ({len(cas)} cas) :")
    chrono("exécution de tous les cas", executer_tous, cas)
    for n in tailles:
        print(f"Cohorte de {n:,} patients :".replace(",", " "))
        df = chrono("cohorte synthétique (en mémoire)", cohorte_complete, n, 1)
        numeros = np.arange(2, 2 + n)
        cohorte = chrono("territoire : lecture et repérage", reperer_tableau, df, numeros,
                         avant)
        d = chrono("territoire : figures", diagnostiquer, cohorte, avant)
        html = chrono("territoire : rapport HTML", rapport_html, d, avant)
        pdf = chrono("territoire : rapport PDF", rapport_pdf, d, avant)
        print(f"  {'(tailles : HTML / PDF)':<58} {len(html) / 1e3:6.0f} ko / "
              f"{len(pdf) / 1e3:.0f} ko")
        impact = chrono("rules diff : exemples + scénarios + cohorte, 2 référentiels",
                        essayer, avant, apres, cohorte=(df, numeros, []))
        print(f"  {'(patients / changent / changent de niveau)':<58} {impact.patients} / "
              f"{impact.changent} / {impact.changent_de_niveau}")


if __name__ == "__main__":
    main()
