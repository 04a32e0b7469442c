"""Banc d'essai des cohortes : ``orientation batch`` face aux planchers d'entrées-sorties, dans
le même passage.

    .venv/bin/python benchmarks/cohortes.py              # 100 000 patients
    .venv/bin/python benchmarks/cohortes.py --grand      # et 1 000 000

Pour chaque taille et chaque format (CSV → CSV, Parquet → Parquet), chaque mesure est un
processus neuf (démarrage et imports compris, comme en vrai), chronométré de bout en bout,
avec sa mémoire maximale (VmHWM) :

- ``orientation batch ENTREE -o SORTIE``, lancé comme dans la console (``python -m
  orientation``) et chronométré de l'extérieur, du lancement à la fin du processus (les
  planchers : du début de leur script à la fin de leur écriture, plus le démarrage d'un
  interpréteur nu) ;
- le plancher **polars** : lire le même fichier d'entrée et écrire une sortie identique à
  celle de batch (mêmes colonnes, mêmes valeurs : la sortie de batch relue au préalable, hors
  chronomètre) — ce qu'un programme qui ne ferait *rien* d'autre coûterait ;
- le plancher **pandas** : la même chose avec pandas ;
- **Spark** ``local[2]`` : ``orientation batch ENTREE -o SORTIE --spark local[2]`` (même
  sortie fichier que batch), et pour Parquet aussi vers un dossier de jeux de données
  (``-o DOSSIER``, la sortie d'une grappe). La durée compte le démarrage de la JVM (donné à
  part) ; la mémoire est celle de tout l'arbre de processus (pilote Python, JVM, processus
  Python des exécuteurs), sondée toutes les 0,2 s. ``--sans-spark`` les omet.

Batch et le plancher polars sont mesurés ``--repetitions`` fois (3 par défaut), en passages
entrelacés : le tableau donne la médiane de chacun et l'étendue. Le rapport batch / plancher
polars (des médianes) est la cible de l'issue 14 (≤ 1,5). Les fichiers sont
synthétiques (``orientation synth``), écrits dans un dossier temporaire effacé à la fin.
Aucune assertion : les chiffres se lisent (et se recopient dans docs/benchmarks.md). La
machine de l'équipe est partagée : la charge au départ est affichée.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MESURE = r"""
import json, sys, time
debut = time.perf_counter()
genre, entree, sortie, reference = sys.argv[1:5]
if genre == "polars":
    import polars as pl
    if entree.endswith(".csv"):
        pl.read_csv(entree, infer_schema=False)
        ecrire = lambda df: df.write_csv(sortie)
    else:
        pl.read_parquet(entree)
        ecrire = lambda df: df.write_parquet(sortie)
    t = time.perf_counter()
    df = pl.read_csv(reference, infer_schema=False) if reference.endswith(".csv") \
        else pl.read_parquet(reference)
    prepa = time.perf_counter() - t   # la sortie à écrire, relue hors chronomètre
    ecrire(df)
elif genre == "pandas":
    import pandas as pd
    if entree.endswith(".csv"):
        pd.read_csv(entree, dtype=str, keep_default_na=False)
        ecrire = lambda df: df.to_csv(sortie, index=False)
    else:
        pd.read_parquet(entree)
        ecrire = lambda df: df.to_parquet(sortie, index=False)
    t = time.perf_counter()
    df = pd.read_csv(reference, dtype=str, keep_default_na=False) \
        if reference.endswith(".csv") else pd.read_parquet(reference)
    prepa = time.perf_counter() - t
    ecrire(df)
else:  # spark, spark-jeux
    import os, threading
    arbre = {"pic": 0}
    def rss_arbre():
        # mémoire résidente de ce processus et de tous ses descendants (Mo)
        parents, rss = {}, {}
        for p in os.listdir("/proc"):
            if not p.isdigit():
                continue
            try:
                with open(f"/proc/{p}/stat") as f:
                    parents[int(p)] = int(f.read().rsplit(")", 1)[1].split()[1])
                with open(f"/proc/{p}/status") as f:
                    rss[int(p)] = next((int(l.split()[1]) for l in f if l.startswith("VmRSS:")), 0)
            except (OSError, StopIteration, ValueError):
                continue
        moi, total, vus = os.getpid(), 0, set()
        file = [moi]
        while file:
            x = file.pop()
            if x in vus:
                continue
            vus.add(x)
            total += rss.get(x, 0)
            file.extend(e for e, pp in parents.items() if pp == x)
        return total // 1024
    fini = threading.Event()
    def sonder():
        while not fini.wait(0.2):
            arbre["pic"] = max(arbre["pic"], rss_arbre())
    threading.Thread(target=sonder, daemon=True).start()
    from orientation.tables.spark import ouvrir_session
    t = time.perf_counter()
    # 4 Go pour le pilote (en local, il est aussi l'exécuteur) : avec le réglage par défaut
    # (1 Go), la JVM s'arrête faute de mémoire à 1 M de patients (docs/spark.md)
    ouvrir_session("local[2]", {"spark.driver.memory": "4g"})
    demarrage_jvm = time.perf_counter() - t
    from orientation.interfaces.cli import main
    prepa = 0.0
    code = main(["batch", entree, "-o", sortie, "--spark", "local[2]", "--spark-conf",
                 "spark.driver.memory=4g"])
    assert code == 0, code
    fini.set()
duree = time.perf_counter() - debut - prepa
pic = 0
for ligne in open("/proc/self/status"):
    if ligne.startswith("VmHWM:"):
        pic = int(ligne.split()[1]) // 1024
mesure = {"secondes": duree, "pic_mo": pic}
if genre.startswith("spark"):
    mesure |= {"pic_mo": max(pic, arbre["pic"]), "jvm": demarrage_jvm}
print(json.dumps(mesure))
"""


def _mesurer(genre: str, entree: Path, sortie: Path, reference: Path) -> dict:
    """Un processus neuf : sa durée (imports compris, relecture préparatoire des planchers
    exclue) plus le démarrage de l'interpréteur, et sa mémoire maximale."""
    p = subprocess.run([sys.executable, "-c", MESURE, genre, str(entree), str(sortie),
                        str(reference)], capture_output=True, text=True, env=_ENV)
    if p.returncode:
        raise RuntimeError(p.stderr)
    resultat = json.loads(p.stdout.strip().splitlines()[-1])
    resultat["mur"] = resultat["secondes"] + _demarrage(genre)
    return resultat


def _mesurer_batch(entree: Path, sortie: Path) -> dict:
    """``orientation batch ENTREE -o SORTIE`` tel qu'on le lance : le processus entier, du
    lancement à sa fin (démarrage de l'interpréteur et arrêt compris), mesuré de l'extérieur ;
    sa mémoire maximale rendue par le noyau (``wait4``)."""
    t = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "orientation", "batch", str(entree), "-o",
                          str(sortie)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         env=_ENV)
    erreur = p.stderr.read()
    _, statut, usage = os.wait4(p.pid, 0)
    duree = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(statut)
    if p.returncode:
        raise RuntimeError(erreur.decode())
    return {"mur": duree, "pic_mo": usage.ru_maxrss // 1024}


# Comme après « pip install » : le code compilé (.pyc) est lu, pas recompilé à chaque
# processus (l'environnement de l'équipe pose PYTHONDONTWRITEBYTECODE).
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
_DEMARRAGES: dict[str, float] = {}


def _demarrage(genre: str) -> float:
    """Démarrage de l'interpréteur, compté pour tous (il n'est pas dans ``secondes``)."""
    if "python" not in _DEMARRAGES:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        _DEMARRAGES["python"] = time.perf_counter() - t
    return _DEMARRAGES["python"]


def _ligne(*cellules: object) -> None:
    print("| " + " | ".join(str(c) for c in cellules) + " |", flush=True)


def _nombre(n: float, decimales: int = 0) -> str:
    return f"{n:,.{decimales}f}".replace(",", " ").replace(".", ",")


def _mediane(essais: list[dict]) -> dict:
    """L'essai de durée médiane (la plus haute des deux du milieu, si leur nombre est pair),
    avec l'étendue des durées et la plus haute mémoire."""
    if len(essais) == 1:
        return essais[0]
    tries = sorted(essais, key=lambda m: m["mur"])
    return tries[len(tries) // 2] | {"min": tries[0]["mur"], "max": tries[-1]["mur"],
                                     "pic_mo": max(m["pic_mo"] for m in essais)}


def banc(n: int, dossier: Path, spark: bool = True, repetitions: int = 3) -> None:
    from orientation.tables.synthese import ecrire_cohorte

    csv_ = dossier / f"c{n}.csv"
    parquet = dossier / f"c{n}.parquet"
    t = time.perf_counter()
    ecrire_cohorte(n, 1, csv_, sys.stdout)
    ecrire_cohorte(n, 1, parquet, sys.stdout)
    print(f"\n{_nombre(n)} patients (synth : {time.perf_counter() - t:.0f} s ; CSV "
          f"{_nombre(csv_.stat().st_size / 2**20)} Mo, Parquet "
          f"{_nombre(parquet.stat().st_size / 2**20)} Mo)\n", flush=True)
    _ligne("format", "mesure", "durée (processus entier)", "mémoire max", "patients/s",
           "rapport au plancher polars")
    _ligne("---", "---", "---", "---", "---", "---")
    for entree in (csv_, parquet):
        suffixe = entree.suffix
        sortie_batch = dossier / f"r{n}{suffixe}"
        # batch et plancher polars : ``repetitions`` passages entrelacés, la médiane de
        # chacun (la machine est partagée : un passage seul varie de 15 à 30 %)
        essais_batch, essais_polars = [], []
        for _ in range(repetitions):
            essais_batch.append(_mesurer_batch(entree, sortie_batch))
            essais_polars.append(_mesurer("polars", entree, dossier / f"p{n}{suffixe}",
                                          sortie_batch))
        batch, polars = _mediane(essais_batch), _mediane(essais_polars)
        pandas = _mesurer("pandas", entree, dossier / f"d{n}{suffixe}", sortie_batch)
        mesures = [("orientation batch", batch), ("plancher polars (lire + écrire)", polars),
                   ("plancher pandas (lire + écrire)", pandas)]
        if spark:
            m = _mesurer("spark", entree, dossier / f"s{n}{suffixe}", sortie_batch)
            mesures.append((f"batch --spark local[2] (dont JVM {_nombre(m['jvm'], 1)} s)", m))
            if suffixe == ".parquet":
                m = _mesurer("spark-jeux", entree, dossier / f"j{n}", sortie_batch)
                mesures.append((f"batch --spark local[2] → jeux Parquet (dont JVM "
                                f"{_nombre(m['jvm'], 1)} s)", m))
        for nom, m in mesures:
            etendue = (f" ({_nombre(m['min'], 2)} à {_nombre(m['max'], 2)})"
                       if "min" in m else "")
            _ligne(suffixe[1:].upper(), nom, f"{_nombre(m['mur'], 2)} s{etendue}",
                   f"{_nombre(m['pic_mo'])} Mo", _nombre(n / m["mur"]),
                   f"**{_nombre(m['mur'] / polars['mur'], 2)}**")
        for f in dossier.glob(f"[rpdsj]{n}*"):
            shutil.rmtree(f) if f.is_dir() else f.unlink()


def page_scenarios(n: int = 10_000) -> None:
    """La page Scénarios côté serveur : ``atelier.reperer_fichier`` sur un CSV reçu en
    mémoire (le référentiel déjà compilé, comme dans une session de l'application)."""
    from orientation.tables.atelier import reperer_fichier
    from orientation.tables.synthese import cohorte_csv

    contenu = cohorte_csv(n, graine=5)
    reperer_fichier("echauffement.csv", cohorte_csv(200, graine=6))
    durees = []
    for _ in range(3):
        t = time.perf_counter()
        lot = reperer_fichier("cohorte.csv", contenu)
        durees.append(time.perf_counter() - t)
    print(f"\nPage Scénarios : {_nombre(n)} lignes repérées côté serveur en "
          f"{_nombre(min(durees), 2)} s (meilleur de 3 ; médiane {_nombre(sorted(durees)[1], 2)}"
          f" s) ; {_nombre(lot.bilan.reperees)} repérées, CSV de "
          f"{_nombre(len(lot.sortie_csv) / 2**20, 1)} Mo", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grand", action="store_true", help="ajouter 1 000 000 patients")
    parser.add_argument("--tailles", type=int, nargs="*", help="tailles (remplace le défaut)")
    parser.add_argument("--sans-spark", action="store_true", help="sans les mesures Spark")
    parser.add_argument("--sans-page", action="store_true", help="sans la page Scénarios")
    parser.add_argument("--repetitions", type=int, default=3,
                        help="passages entrelacés de batch et du plancher polars (médiane)")
    args = parser.parse_args()
    tailles = args.tailles or ([100_000, 1_000_000] if args.grand else [100_000])
    import compileall

    compileall.compile_dir(Path(__file__).resolve().parents[1] / "src", quiet=2)
    charge = os.getloadavg()
    print(f"Machine : {platform.platform()}, {os.cpu_count()} cœurs, Python "
          f"{platform.python_version()} ; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
          f" ; charge au départ {charge[0]:.1f} / {charge[1]:.1f} / {charge[2]:.1f}")
    if not args.sans_page:
        page_scenarios()
    with tempfile.TemporaryDirectory(prefix="banc-cohortes-") as d:
        for n in tailles:
            banc(n, Path(d), spark=not args.sans_spark, repetitions=max(1, args.repetitions))
            charge = os.getloadavg()
            print(f"\ncharge à la fin : {charge[0]:.1f} / {charge[1]:.1f} / {charge[2]:.1f}",
                  flush=True)


if __name__ == "__main__":
    main()
