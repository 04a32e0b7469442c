"""La ligne de commande ``orientation`` (CONTRACT.md, « Command line »).

Codes de sortie : 0 succès ; 1 référentiel invalide ou erreur interne ; 2 saisie invalide
(message en français sur la sortie d'erreur, jamais de trace Python).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from orientation.evaluation.moteur import charger_moteur, moteur_par_defaut
from orientation.referentiel import (
    ErreurReferentiel,
    charger_referentiel,
    dossier_regles_par_defaut,
    scenarios,
)
from orientation.referentiel.scenarios import dossier_features_par_defaut
from orientation.resultat.rapport import texte
from orientation.situation.erreurs import ErreurSaisie, lire_situation_json

SORTIE_SAISIE_INVALIDE = 2
SORTIE_REFERENTIEL_INVALIDE = 1
REJETS_AFFICHES = 50
REJETS_PAR_GENRE = 10


class _Format(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001
        prefixe = "utilisation : " if prefix is None else prefix
        return super().add_usage(usage, actions, groups, prefixe)


class _Analyseur(argparse.ArgumentParser):
    """argparse en français, et code 2 pour une commande mal formée (comme une saisie)."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("formatter_class", _Format)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="afficher cette aide et quitter")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        traductions = {
            "the following arguments are required": "arguments obligatoires manquants",
            "invalid choice": "choix invalide",
            "unrecognized arguments": "arguments inconnus",
            "argument": "argument",
        }
        for anglais, francais in traductions.items():
            message = message.replace(anglais, francais)
        sys.stderr.write(f"orientation : erreur : {message}\n")
        sys.exit(SORTIE_SAISIE_INVALIDE)


def _lire_entree(chemin: str) -> bytes:
    if chemin == "-":
        return sys.stdin.buffer.read()
    fichier = Path(chemin)
    if not fichier.is_file():
        raise ErreurSaisie([f"(fichier) : « {chemin} » introuvable"])
    return fichier.read_bytes()


def commande_screen(args: argparse.Namespace) -> int:
    try:
        situation = lire_situation_json(_lire_entree(args.fichier))
    except ErreurSaisie as e:
        sys.stderr.write("Situation invalide :\n")
        sys.stderr.writelines(f"  - {m}\n" for m in e.messages)
        return SORTIE_SAISIE_INVALIDE
    moteur = charger_moteur(args.regles) if args.regles else moteur_par_defaut()
    resultat = moteur.screen(situation)
    if args.format == "json":
        sys.stdout.write(resultat.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(texte(resultat))
    return 0


def commande_rules_check(args: argparse.Namespace) -> int:
    dossier = Path(args.regles) if args.regles else dossier_regles_par_defaut()
    referentiel = charger_referentiel(dossier)
    charger_moteur(dossier)  # la compilation pour durable_rules peut aussi échouer
    features = Path(args.features) if args.features else dossier_features_par_defaut()
    analyse, erreurs = scenarios.verifier(referentiel, features)
    if erreurs:
        sys.stderr.write("Scénarios invalides ou incomplets (features/) :\n")
        sys.stderr.writelines(f"  - {m}\n" for m in erreurs)
        return SORTIE_REFERENTIEL_INVALIDE
    print(f"Référentiel valide : {len(referentiel.regles)} règles, "
          f"{len(referentiel.parametres)} paramètres ({dossier}) ; "
          f"{len(analyse.scenarios)} scénarios ({analyse.nb_cas} cas avec les exemples) "
          f"couvrent chaque règle ({features}).")
    return 0



VOCABULAIRE = "docs/vocabulaire.md (ou orientation modele -o modele.xlsx)"
SORTIE_ERREUR_ECRITURE = 1


def nombre_fr(n: float, decimales: int = 0) -> str:
    """Un nombre à la française : espace entre les milliers, virgule décimale."""
    return f"{n:,.{decimales}f}".replace(",", " ").replace(".", ",")


def _progression(bilan, total: int | None) -> None:  # noqa: ANN001 — un lot.Bilan
    if total:
        part = min(1.0, bilan.lues / total)
        barre = "█" * int(part * 30) + "·" * (30 - int(part * 30))
        debut = f"\r{barre} {part:4.0%} ".replace("%", " %")
    else:
        debut = "\r"
    sys.stderr.write(f"{debut}{nombre_fr(bilan.lues)} lues, {nombre_fr(bilan.rejetees)} "
                     f"rejetées, {nombre_fr(bilan.debit)} patients/s")
    sys.stderr.flush()


def _message_ecriture(e: OSError, sortie: str | None) -> str:
    import errno

    cible = f"« {sortie} »" if sortie else "la sortie standard"
    raisons = {errno.ENOSPC: "plus de place sur le disque", errno.EACCES: "permission refusée",
               errno.EPERM: "ce n'est pas un fichier ordinaire",
               errno.EROFS: "système de fichiers en lecture seule",
               errno.ENOENT: "dossier introuvable", errno.EISDIR: "c'est un dossier",
               errno.ENOTDIR: "un élément du chemin n'est pas un dossier"}
    raison = raisons.get(e.errno) or (str(e) if not e.errno else e.strerror or str(e))
    fin = "" if sortie is None else " Aucun fichier de sortie n'a été laissé."
    return f"Écriture impossible dans {cible} : {raison}.{fin}\n"


def commande_batch(args: argparse.Namespace) -> int:
    # pyarrow, numpy et polars ne sont importés que pour les cohortes : « screen » démarre
    # plus vite.
    from orientation.tables.fichiers import Source
    from orientation.tables.lot import Options, executer

    affiches: dict[tuple[str, str], int] = {}
    caches = 0

    def rejet(r) -> None:  # noqa: ANN001 — un lot.Rejet
        nonlocal caches
        genre = (r.champ, r.message.split("«")[0][:40])
        affiches[genre] = affiches.get(genre, 0) + 1
        if affiches[genre] <= REJETS_PAR_GENRE and sum(affiches.values()) <= REJETS_AFFICHES:
            qui = f" ({r.id})" if r.id else ""
            sys.stderr.write(f"ligne {r.ligne}{qui} : {r.champ} : {r.message}\n")
        else:
            caches += 1

    def avertir(message: str) -> None:
        sys.stderr.write(f"Attention : {message}\n")

    options = Options(encodage=args.encodage, dialecte=args.dialecte, libelles=args.libelles,
                      regles=args.regles)
    sortie = args.sortie
    try:
        if args.spark is not None:
            bilan, restants = _batch_spark(args, options, rejet, avertir)
            caches += restants
        elif args.entree == "-":
            source = Source.octets("entrée standard", sys.stdin.buffer.read(),
                                   args.format_entree or "csv")
        else:
            source = Source.fichier(args.entree, args.format_entree)
        if args.spark is None:
            if sortie is None:
                sys.stdout.flush()
            bilan = executer(source, sortie, options, rejet=rejet, avertir=avertir,
                             flux_sortie=None if sortie else sys.stdout.buffer,
                             progression=_progression if sys.stderr.isatty() else None)
    except ErreurSaisie as e:
        sys.stderr.write("Fichier refusé :\n")
        sys.stderr.writelines(f"  - {m}\n" for m in e.messages[:REJETS_AFFICHES])
        if len(e.messages) > REJETS_AFFICHES:
            sys.stderr.write(f"  … et {nombre_fr(len(e.messages) - REJETS_AFFICHES)} autres\n")
        sys.stderr.write(f"Les colonnes et leurs valeurs : {VOCABULAIRE}\n")
        return SORTIE_SAISIE_INVALIDE
    except OSError as e:
        if sortie is None:  # la sortie standard ne s'écrit plus : ne rien y vider en sortant
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.stderr.write(_message_ecriture(e, args.sortie))
        partiel = getattr(e, "bilan", None)
        if partiel is not None and partiel.lues:
            sys.stderr.write(f"Avant l'arrêt : lues : {nombre_fr(partiel.lues)} = repérées : "
                             f"{nombre_fr(partiel.reperees)} + rejetées : "
                             f"{nombre_fr(partiel.rejetees)} ; la suite du fichier n'a pas "
                             "été lue.\n")
        return SORTIE_ERREUR_ECRITURE
    if sys.stderr.isatty() and args.spark is None:
        sys.stderr.write("\n")
    if caches:
        ou = f" : voir {bilan.fichier_rejets}" if bilan.fichier_rejets else ""
        sys.stderr.write(f"… et {nombre_fr(caches)} autres erreurs{ou}\n")
    vides = (f" ; {nombre_fr(bilan.vides_finales)} ligne(s) vide(s) en fin de fichier "
             "ignorée(s)" if bilan.vides_finales else "")
    sys.stderr.write(
        f"Lues : {nombre_fr(bilan.lues)} = repérées : {nombre_fr(bilan.reperees)} + rejetées : "
        f"{nombre_fr(bilan.rejetees)}{vides} ({nombre_fr(bilan.secondes, 1)} s, "
        f"{nombre_fr(bilan.debit)} patients/s)\n")
    return SORTIE_SAISIE_INVALIDE if bilan.rejetees else 0


def _batch_spark(args: argparse.Namespace, options, rejet, avertir):  # noqa: ANN001, ANN202
    """batch --spark : le même cœur sur Spark (tables/spark.py) ; rend (bilan, rejets non
    affichés au-delà de ceux passés à ``rejet``)."""
    from orientation.situation.erreurs import ErreurSaisie as Erreur

    if args.sortie is None:
        raise Erreur(["(sortie) : avec --spark, donnez une sortie (-o FICHIER ou -o DOSSIER)"])
    if args.entree == "-":
        raise Erreur(["(fichier) : avec --spark, l'entrée est un fichier, un dossier ou une "
                      "URL (pas l'entrée standard)"])
    conf = {}
    for paire in args.spark_conf or []:
        cle, egal, valeur = paire.partition("=")
        if not egal or not cle:
            raise Erreur([f"(options) : --spark-conf attend CLE=VALEUR (reçu : « {paire} »)"])
        conf[cle.strip()] = valeur.strip()
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise Erreur(["(options) : --spark demande PySpark : pip install 'orientation[spark]' "
                      "(et Java 17 ou plus)"]) from None
    from orientation.tables.spark import executer_spark

    return executer_spark(args.entree, args.sortie, options, args.spark, conf,
                          format_entree=args.format_entree, rejet=rejet, avertir=avertir)


def commande_modele(args: argparse.Namespace) -> int:
    from orientation.tables.gabarit import ecrire_modele

    try:
        ecrire_modele(Path(args.sortie))
    except ErreurSaisie as e:
        sys.stderr.writelines(f"{m}\n" for m in e.messages)
        return SORTIE_SAISIE_INVALIDE
    except OSError as e:
        sys.stderr.write(_message_ecriture(e, args.sortie))
        return SORTIE_ERREUR_ECRITURE
    return 0


def commande_synth(args: argparse.Namespace) -> int:
    from orientation.tables.lot import format_de
    from orientation.tables.synthese import ecrire_cohorte

    if args.n < 0:
        sys.stderr.write("synth : --n doit être positif\n")
        return SORTIE_SAISIE_INVALIDE
    try:
        if args.sortie:
            format_de(args.sortie)
        ecrire_cohorte(args.n, args.seed, Path(args.sortie) if args.sortie else None,
                       sys.stdout)
    except ErreurSaisie as e:
        sys.stderr.writelines(f"{m}\n" for m in e.messages)
        return SORTIE_SAISIE_INVALIDE
    return 0


def _declarer_batch(commandes: argparse._SubParsersAction) -> None:
    batch = commandes.add_parser(
        "batch", help="repérer une cohorte (CSV, Excel, Parquet ou JSON Lines)",
        description="Repère chaque ligne d'un tableau de situations : une colonne par champ, "
                    "nommée par son chemin (age, social.aidant…) ou son libellé français "
                    "(Âge, Aidant…) ; valeurs par identifiant ou libellé (« Épuisé », "
                    f"« diabète »). Colonnes et valeurs : {VOCABULAIRE}. Les autres colonnes "
                    "sont recopiées telles quelles ; une colonne qui ressemble à un champ mal "
                    "orthographié refuse le fichier. La sortie reprend les colonnes d'entrée "
                    "puis les résultats ; les lignes invalides sont rejetées une à une "
                    "(sortie d'erreur, et SORTIE.rejets.csv s'il y en a), les autres "
                    "repérées. Code 2 si au moins une ligne est rejetée, 1 si la sortie ne "
                    "peut pas être écrite.",
    )
    batch.add_argument("entree", metavar="ENTREE",
                       help=".csv, .xlsx, .parquet ou .jsonl ; - pour l'entrée standard")
    batch.add_argument("-o", "--sortie", metavar="SORTIE",
                       help="fichier résultat (.csv, .xlsx, .parquet, .jsonl) ; sans : CSV "
                            "sur la sortie standard")
    batch.add_argument("--format-entree", metavar="FORMAT", choices=("csv", "xlsx", "parquet",
                                                                    "jsonl"),
                       help="format de l'entrée quand l'extension ne le dit pas (csv par "
                            "défaut pour -)")
    batch.add_argument("--dialecte", choices=("standard", "excel-fr"),
                       help="CSV de sortie : standard (« , », UTF-8) ou excel-fr (« ; », UTF-8 "
                            "avec BOM, virgule décimale) ; par défaut celui de l'entrée")
    batch.add_argument("--libelles", action="store_true",
                       help="écrire les libellés français (catalogue et vocabulaire) au lieu "
                            "des identifiants")
    batch.add_argument("--encodage", metavar="ENC",
                       help="encodage du CSV d'entrée (par défaut détecté : UTF-8 ou "
                            "Windows-1252)")
    batch.add_argument("--regles", metavar="DOSSIER", help="autre dossier de règles")
    batch.add_argument("--spark", metavar="MAITRE",
                       help="repérer sur Spark (local[2], spark://hôte:7077, yarn…) : entrée CSV "
                            "ou Parquet (fichier, dossier ou URL hdfs://, s3a://) ; SORTIE "
                            "fichier (.csv, .parquet…) écrite comme sans Spark, ou dossier/URL : "
                            "jeux Parquet SORTIE/resultats et SORTIE/rejets (docs/spark.md)")
    batch.add_argument("--spark-conf", metavar="CLE=VALEUR", action="append",
                       help="réglage Spark (répétable), par exemple "
                            "spark.driver.memory=4g")
    batch.set_defaults(fonction=commande_batch)


def _declarer_modele(commandes: argparse._SubParsersAction) -> None:
    modele = commandes.add_parser(
        "modele", help="écrire le modèle de tableau à remplir (ou la documentation)",
        description="Écrit le modèle vierge d'un tableau de situations : .xlsx (avec une "
                    "seconde feuille qui documente chaque colonne), .csv (« ; », pour Excel en "
                    "français), ou .md (la documentation des colonnes, docs/vocabulaire.md).",
    )
    modele.add_argument("-o", "--sortie", metavar="FICHIER", required=True,
                        help="modele.xlsx, modele.csv ou vocabulaire.md")
    modele.set_defaults(fonction=commande_modele)


def _declarer_synth(commandes: argparse._SubParsersAction) -> None:
    synth = commandes.add_parser(
        "synth", help="créer une cohorte synthétique (tests, formation, banc d'essai)",
        description="Écrit N personnes fictives plausibles au format d'entrée de batch ; "
                    "le même N et la même graine donnent le même fichier. Distributions : "
                    "docs/cohorte_synthetique.md.",
    )
    synth.add_argument("--n", type=int, default=1000, help="nombre de personnes (1000)")
    synth.add_argument("--seed", type=int, default=0, help="graine (0)")
    synth.add_argument("-o", "--sortie", metavar="FICHIER",
                       help=".csv, .xlsx, .parquet ou .jsonl ; sans : CSV sur la sortie standard")
    synth.set_defaults(fonction=commande_synth)


def construire_analyseur() -> argparse.ArgumentParser:
    analyseur = _Analyseur(
        prog="orientation",
        description="Repérage des parcours de santé complexes (CSP L6327-1) et orientation "
                    "vers les acteurs et les fonctions d'appui. Aide à la décision : le "
                    "jugement du professionnel prime.",
    )
    commandes = analyseur.add_subparsers(dest="commande", required=True, metavar="COMMANDE",
                                         parser_class=_Analyseur)

    screen = commandes.add_parser(
        "screen", help="repérer une situation (fichier JSON, ou - pour l'entrée standard)",
        description="Repère une situation décrite en JSON (voir examples/) et affiche "
                    "l'orientation. Saisie invalide : code 2 et message nommant chaque champ.",
    )
    screen.add_argument("fichier", metavar="FICHIER", help="situation JSON, ou - pour stdin")
    screen.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (résumé en français, par défaut) ou json (champs : "
                             "docs/vocabulaire.md)")
    screen.add_argument("--regles", metavar="DOSSIER", help="autre dossier de règles")
    screen.set_defaults(fonction=commande_screen)

    rules = commandes.add_parser("rules", help="outils du référentiel de règles")
    sous = rules.add_subparsers(dest="sous_commande", required=True, metavar="SOUS_COMMANDE",
                                parser_class=_Analyseur)
    check = sous.add_parser(
        "check", help="valider rules/ et features/ (code non nul au moindre problème)",
        description="Valide le référentiel : clés, champs, identifiants, opérateurs, "
                    "paramètres, doublons ; et les scénarios : chaque règle illustrée par un "
                    "scénario étiqueté @R-…, aucune étiquette inconnue, aucun plan du scénario "
                    "sans exemples. Chaque erreur nomme le fichier et la ligne.",
    )
    check.add_argument("--regles", metavar="DOSSIER", help="dossier de règles à valider")
    check.add_argument("--features", metavar="DOSSIER",
                       help="dossier des scénarios Gherkin (par défaut features/ du dépôt)")
    check.set_defaults(fonction=commande_rules_check)

    for declarer in (_declarer_batch, _declarer_modele, _declarer_synth):
        declarer(commandes)
    return analyseur


def main(argv: Sequence[str] | None = None) -> int:
    args = construire_analyseur().parse_args(argv)
    try:
        return args.fonction(args)
    except ErreurReferentiel as e:
        sys.stderr.write("Référentiel invalide :\n")
        sys.stderr.writelines(f"  - {m}\n" for m in e.erreurs)
        return SORTIE_REFERENTIEL_INVALIDE
    except BrokenPipeError:  # sortie fermée en cours de route (| head)
        return 0


if __name__ == "__main__":
    sys.exit(main())
