"""Banc d'essai du repérage un par un : une commande, un tableau de chiffres.

    .venv/bin/python benchmarks/banc.py

Mesure, sur la cohorte synthétique (``orientation synth``) :
- la latence d'un repérage seul (``screen()``, durable_rules) : p50/p95 à chaud, et démarrage
  à froid (nouveau processus : import, chargement et compilation du référentiel, 1er repérage) ;
- pour l'étalonnage, sur les mêmes faits : durable_rules, l'évaluateur de référence
  (``evaluation.vraie`` et point fixe), l'évaluateur compilé ligne à ligne.

Les cohortes (``orientation batch`` face aux planchers polars et pandas, Parquet et CSV, 100 000
et 1 000 000 de patients, la page Scénarios) : ``benchmarks/cohortes.py``.

Les fichiers temporaires sont synthétiques et effacés à la fin. Aucune assertion : les
chiffres se lisent (et se recopient dans docs/benchmarks.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.oracles (étalon)

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ENFANT_FROID = """
import time; t = time.perf_counter()
from orientation import Situation, screen
screen(Situation.model_validate({"age": 84, "social": {"aidant": "epuise"}}))
print(time.perf_counter() - t)
"""


def _ligne(*cellules: object) -> None:
    print("| " + " | ".join(str(c) for c in cellules) + " |", flush=True)


def _ms(secondes: float) -> str:
    return f"{secondes * 1000:.2f} ms"


def latence(n: int = 2000) -> None:
    from orientation import screen
    from orientation.tables.colonnes import lire_tableau
    from orientation.tables.synthese import cohorte_complete

    situations = [s for _, _, s in lire_tableau(cohorte_complete(n, graine=11))[0]]
    for s in situations[:200]:
        screen(s)
    durees = []
    for s in situations:
        t = time.perf_counter()
        screen(s)
        durees.append(time.perf_counter() - t)
    q = statistics.quantiles(durees, n=100)
    _ligne("repérage seul, à chaud (screen, durable_rules)", f"{n} situations",
           f"p50 {_ms(q[49])} · p95 {_ms(q[94])}", f"{1 / statistics.mean(durees):,.0f} /s")
    froids = []
    for _ in range(3):
        t = time.perf_counter()
        sortie = subprocess.run([sys.executable, "-c", ENFANT_FROID], capture_output=True,
                                check=True, text=True)
        total = time.perf_counter() - t
        froids.append((total, float(sortie.stdout)))
    total, interne = min(froids)
    _ligne("repérage seul, à froid (nouveau processus)", "1 situation",
           f"{_ms(total)} en tout, dont {_ms(interne)} import + référentiel + repérage", "")


def etalonnage(n: int = 5000) -> None:
    from orientation.evaluation.moteur import moteur_par_defaut
    from orientation.evaluation.vectoriel import EvaluateurCompile
    from orientation.situation.faits import construire_fait
    from orientation.tables.colonnes import lire_tableau
    from orientation.tables.synthese import cohorte_complete
    from tests.oracles import regles_tirees_reference

    moteur = moteur_par_defaut()
    situations = [s for _, _, s in lire_tableau(cohorte_complete(n, graine=12))[0]]
    faits = [construire_fait(s, moteur.parametres) for s in situations]
    compile_ = EvaluateurCompile(moteur.referentiel)
    for nom, fonction, taille in (
        ("durable_rules (Moteur.regles_tirees)", moteur.regles_tirees, 2000),
        ("référence : evaluation.vraie + point fixe", lambda f: regles_tirees_reference(
            moteur.referentiel, f), n),
        ("compilé ligne à ligne (EvaluateurCompile)", compile_.regles_tirees, n),
    ):
        t = time.perf_counter()
        for f in faits[:taille]:
            fonction(f)
        duree = (time.perf_counter() - t) / taille
        _ligne(f"règles seules — {nom}", f"{taille} faits", f"{duree * 1e6:.1f} µs/patient",
               f"{1 / duree:,.0f} /s")
    t = time.perf_counter()
    for s in situations:
        construire_fait(s, moteur.parametres)
    duree = (time.perf_counter() - t) / n
    _ligne("fait seul — construire_fait (instruments compris)", f"{n} situations",
           f"{duree * 1e6:.1f} µs/patient", f"{1 / duree:,.0f} /s")


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.parse_args()
    print(f"Machine : {platform.processor() or platform.machine()}, {os.cpu_count()} cœurs, "
          f"Python {platform.python_version()}, {platform.system()} ; "
          f"{time.strftime('%Y-%m-%d %H:%M')}\n")
    _ligne("mesure", "taille", "résultat", "débit")
    _ligne("---", "---", "---", "---")
    latence()
    etalonnage()
    print("\nCohortes (orientation batch face aux planchers d'entrées-sorties) : "
          "benchmarks/cohortes.py")


if __name__ == "__main__":
    main()
