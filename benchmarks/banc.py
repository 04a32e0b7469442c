"""Banc d'essai du repérage : une commande, un tableau de chiffres.

    .venv/bin/python benchmarks/banc.py            # 10 000 et 100 000 patients
    .venv/bin/python benchmarks/banc.py --grand    # et 1 000 000 (mémoire plate ?)

Mesure, sur la cohorte synthétique (``orientation synth``) :
- la latence d'un repérage seul (``screen()``, durable_rules) : p50/p95 à chaud, et démarrage
  à froid (nouveau processus : import, chargement et compilation du référentiel, 1er repérage) ;
- le débit de ``orientation batch`` (CSV → CSV) avec 1 et 2 processus, et la mémoire maximale
  (VmRSS sondé toutes les 50 ms : processus principal, et somme des processus de calcul) ;
- pour l'étalonnage, sur les mêmes faits : durable_rules, l'évaluateur de référence
  (``evaluation.vraie`` et point fixe), l'évaluateur compilé ligne à ligne ;
- le plancher des entrées-sorties : lecture pandas du CSV (mêmes options, par blocs) et
  écriture d'une sortie de même taille.

Les fichiers temporaires sont synthétiques et effacés à la fin. Aucune assertion : les
chiffres se lisent (et se recopient dans docs/benchmarks.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.oracles (étalon)

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ENFANT_BATCH = """
import json, sys, threading, time
from pathlib import Path
from orientation.tables.lot import executer

def rss(pid):  # Mo ; VmRSS de /proc (ru_maxrss, lui, hérite du parent à travers exec)
    try:
        for ligne in Path(f"/proc/{pid}/status").read_text().splitlines():
            if ligne.startswith("VmRSS:"):
                return int(ligne.split()[1]) / 1024
    except OSError:
        pass
    return 0.0

def enfants():
    pids = []
    for tache in Path("/proc/self/task").iterdir():
        pids += (tache / "children").read_text().split()
    return pids

pic = {"principal": 0.0, "calcul": 0.0}
fini = False
def sonder():
    while not fini:
        pic["principal"] = max(pic["principal"], rss("self"))
        pic["calcul"] = max(pic["calcul"], sum(rss(p) for p in enfants()))
        time.sleep(0.05)
sonde = threading.Thread(target=sonder, daemon=True)
sonde.start()
bilan = executer(sys.argv[1], sys.argv[2], workers=int(sys.argv[3]))
fini = True
sonde.join()
print(json.dumps({"lues": bilan.lues, "secondes": bilan.secondes,
                  "rss_principal_mo": pic["principal"], "rss_calcul_mo": pic["calcul"]}))
"""

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


def plancher_es(entree: Path, resultat: Path, n: int) -> None:
    """Ce que coûtent seules les entrées-sorties : pandas lit l'entrée (par blocs, mêmes
    options que batch) et écrit le vrai fichier résultat (chargé avant la mesure)."""
    import pandas as pd

    t = time.perf_counter()
    for _ in pd.read_csv(entree, dtype=str, keep_default_na=False, na_filter=False,
                         skip_blank_lines=False, chunksize=20_000):
        pass
    lecture = time.perf_counter() - t
    sortie = pd.read_csv(resultat, dtype=str, keep_default_na=False)
    with tempfile.NamedTemporaryFile(suffix=".csv") as f:
        t = time.perf_counter()
        sortie.to_csv(f.name, index=False)
        ecriture = time.perf_counter() - t
    _ligne("plancher E/S — pandas lit l'entrée + écrit le résultat (1 processus)", f"{n:,}",
           f"{lecture:.2f} s + {ecriture:.2f} s", f"{n / (lecture + ecriture):,.0f} /s")


def batch(dossier: Path, n: int, workers_: tuple[int, ...]) -> None:
    entree = dossier / f"cohorte_{n}.csv"
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "orientation", "synth", "--n", str(n), "--seed",
                    "1", "-o", str(entree)], check=True)
    _ligne("synth (génération de la cohorte)", f"{n:,}", f"{time.perf_counter() - t:.1f} s",
           f"{entree.stat().st_size / 2**20:.0f} Mo de CSV")
    for w in workers_:
        sortie = dossier / f"resultat_{n}_{w}.csv"
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-c", ENFANT_BATCH, str(entree), str(sortie), str(w)],
                           capture_output=True, text=True, check=True)
        mur = time.perf_counter() - t
        r = json.loads(p.stdout)
        _ligne(f"batch CSV → CSV, {w} processus", f"{n:,}",
               f"{r['secondes']:.2f} s ({mur:.1f} s avec le démarrage) · mémoire max : "
               f"principal {r['rss_principal_mo']:.0f} Mo + calcul {r['rss_calcul_mo']:.0f} Mo",
               f"**{r['lues'] / r['secondes']:,.0f} /s**")
        if w == workers_[-1]:
            plancher_es(entree, sortie, n)
        sortie.unlink()
        chemin_rejets = sortie.with_name(sortie.stem + ".rejets.csv")
        chemin_rejets.unlink(missing_ok=True)
    entree.unlink()


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--grand", action="store_true", help="ajoute 1 000 000 patients")
    analyseur.add_argument("--workers", default="1,2", help="processus à essayer (1,2)")
    args = analyseur.parse_args()
    workers = tuple(int(w) for w in args.workers.split(","))
    print(f"Machine : {platform.processor() or platform.machine()}, {os.cpu_count()} cœurs, "
          f"Python {platform.python_version()}, {platform.system()} ; "
          f"{time.strftime('%Y-%m-%d %H:%M')}\n")
    _ligne("mesure", "taille", "résultat", "débit")
    _ligne("---", "---", "---", "---")
    latence()
    etalonnage()
    with tempfile.TemporaryDirectory(prefix="banc_orientation_") as dossier:
        for n in (10_000, 100_000) + ((1_000_000,) if args.grand else ()):
            batch(Path(dossier), n, workers)


if __name__ == "__main__":
    main()
