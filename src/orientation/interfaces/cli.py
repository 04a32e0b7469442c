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
from orientation.situation.erreurs import (
    ErreurSaisie,
    erreur_systeme,
    limiter,
    lire_situation_json,
)
from orientation.situation.lecture import LIMITES

SORTIE_SAISIE_INVALIDE = 2
SORTIE_REFERENTIEL_INVALIDE = 1
SORTIE_ENTREE_SORTIE = 1
SORTIE_INTERROMPUE = 130
REJETS_AFFICHES = 50


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


def _ecrire_erreurs(titre: str, messages: list[str]) -> None:
    """Un titre et des messages bornés et échappés (``limiter``), sur la sortie d'erreur."""
    sys.stderr.write(f"{titre}\n")
    sys.stderr.writelines(f"  - {m}\n" for m in limiter(messages))


def _lire_entree(chemin: str) -> bytes:
    """Le contenu d'un fichier (ou de l'entrée standard pour ``-``), lu jusqu'à la limite
    de taille d'une situation et pas au-delà (un flux sans fin est refusé)."""
    nom = limiter([chemin], longueur=200)[0]
    try:
        if chemin == "-":
            donnees = sys.stdin.buffer.read(LIMITES.taille + 1)
        else:
            with open(chemin, "rb") as f:
                donnees = f.read(LIMITES.taille + 1)
    except FileNotFoundError:
        raise ErreurSaisie([f"(fichier) : « {nom} » introuvable"]) from None
    except IsADirectoryError:
        raise ErreurSaisie([f"(fichier) : « {nom} » est un dossier, pas une situation "
                            "JSON"]) from None
    except OSError as e:
        raise ErreurSaisie([f"(fichier) : « {nom} » illisible ({erreur_systeme(e)})"]) from None
    if len(donnees) > LIMITES.taille:
        raise ErreurSaisie([f"(fichier) : trop volumineux (plus de {LIMITES.taille} octets ; "
                            "une situation tient en quelques kilo-octets)"])
    return donnees


def commande_screen(args: argparse.Namespace) -> int:
    try:
        situation = lire_situation_json(_lire_entree(args.fichier))
    except ErreurSaisie as e:
        _ecrire_erreurs("Situation invalide :", e.messages)
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
        _ecrire_erreurs("Scénarios invalides ou incomplets (features/) :", erreurs)
        return SORTIE_REFERENTIEL_INVALIDE
    print(f"Référentiel valide : {len(referentiel.regles)} règles, "
          f"{len(referentiel.parametres)} paramètres ({dossier}) ; "
          f"{len(analyse.scenarios)} scénarios ({analyse.nb_cas} cas avec les exemples) "
          f"couvrent chaque règle ({features}).")
    return 0



def _progression(bilan, total: int | None) -> None:
    if total:
        part = min(1.0, bilan.lues / total)
        barre = "█" * int(part * 30) + "·" * (30 - int(part * 30))
        debut = f"\r{barre} {part:4.0%} "
    else:
        debut = "\r"
    sys.stderr.write(f"{debut}{bilan.lues:,} lues, {bilan.rejetees:,} rejetées, "
                     f"{bilan.debit:,.0f} patients/s".replace(",", " "))
    sys.stderr.flush()


def commande_batch(args: argparse.Namespace) -> int:
    # pandas et numpy ne sont importés que pour les cohortes : « screen » démarre plus vite.
    from orientation.tables.lot import chemin_des_rejets, executer

    affiches = 0
    limite = REJETS_AFFICHES if args.sortie else None

    def rejet(r) -> None:  # noqa: ANN001 — un lot.Rejet
        nonlocal affiches
        affiches += 1
        if limite is None or affiches <= limite:
            qui = f" ({r.id})" if r.id else ""
            sys.stderr.write(f"ligne {r.ligne}{qui} : {r.champ} : {r.message}\n")

    def avertir(message: str) -> None:
        sys.stderr.write(f"Attention : {message}\n")

    try:
        bilan = executer(args.entree, args.sortie, workers=args.workers,
                         encodage=args.encodage, regles=args.regles, rejet=rejet,
                         avertir=avertir,
                         progression=_progression if sys.stderr.isatty() else None)
    except ErreurSaisie as e:
        sys.stderr.write("Fichier refusé :\n")
        sys.stderr.writelines(f"  - {m}\n" for m in e.messages)
        return SORTIE_SAISIE_INVALIDE
    except LookupError:
        sys.stderr.write(f"Encodage inconnu « {args.encodage} » (exemples : utf-8, latin-1, "
                         "cp1252)\n")
        return SORTIE_SAISIE_INVALIDE
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    if limite is not None and affiches > limite:
        sys.stderr.write(f"… et {affiches - limite} autres erreurs : voir "
                         f"{chemin_des_rejets(args.sortie)}\n")
    debit = f"{bilan.debit:,.0f}".replace(",", " ")
    sys.stderr.write(
        f"Lues : {bilan.lues} = repérées : {bilan.reperees} + rejetées : {bilan.rejetees} "
        f"({bilan.secondes:.1f} s, {debit} patients/s)\n")
    return SORTIE_SAISIE_INVALIDE if bilan.rejetees else 0


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
        description="Repère chaque ligne d'un tableau de situations (une colonne par champ, "
                    "par son chemin : age, contexte.medecin_traitant… ; voir "
                    "orientation.tables.colonnes). Les lignes invalides sont "
                    "rejetées une à une (sortie d'erreur et SORTIE.rejets.csv), les autres "
                    "repérées. Code 2 si au moins une ligne est rejetée.",
    )
    batch.add_argument("entree", metavar="ENTREE", help=".csv, .xlsx, .parquet ou .jsonl")
    batch.add_argument("-o", "--sortie", metavar="SORTIE",
                       help="fichier résultat (.csv, .xlsx, .parquet, .jsonl) ; sans : CSV "
                            "sur la sortie standard")
    batch.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
                       help="processus de calcul (par défaut : nombre de cœurs)")
    batch.add_argument("--encodage", metavar="ENC",
                       help="encodage d'un CSV qui n'est pas en UTF-8 (ex. latin-1)")
    batch.add_argument("--regles", metavar="DOSSIER", help="autre dossier de règles")
    batch.set_defaults(fonction=commande_batch)


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
                        help="text (résumé en français, par défaut) ou json (CONTRACT.md)")
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

    for declarer in (_declarer_batch, _declarer_synth):
        declarer(commandes)
    return analyseur


def _abandonner_sortie() -> None:
    """Après un échec d'écriture sur la sortie standard, la rediriger vers /dev/null : sans
    cela, Python réessaierait en quittant et afficherait sa propre erreur, en anglais."""
    if sys.stdout is not sys.__stdout__:
        return  # sortie remplacée (tests) : rien à protéger
    try:
        vide = os.open(os.devnull, os.O_WRONLY)
        os.dup2(vide, sys.stdout.fileno())
        os.close(vide)
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    args = construire_analyseur().parse_args(argv)
    try:
        code = args.fonction(args)
        sys.stdout.flush()  # une sortie pleine (/dev/full) se découvre ici
        return code
    except ErreurReferentiel as e:
        _ecrire_erreurs("Référentiel invalide :", e.erreurs)
        return SORTIE_REFERENTIEL_INVALIDE
    except BrokenPipeError:  # sortie fermée en cours de route (| head) : rien à dire
        _abandonner_sortie()
        return 0
    except OSError as e:  # la sortie standard refuse l'écriture (disque plein, /dev/full…)
        _abandonner_sortie()
        sys.stderr.write(f"orientation : sortie standard : écriture impossible "
                         f"({erreur_systeme(e)})\n")
        return SORTIE_ENTREE_SORTIE
    except KeyboardInterrupt:
        sys.stderr.write("\norientation : interrompu\n")
        return SORTIE_INTERROMPUE


if __name__ == "__main__":
    sys.exit(main())
