"""La ligne de commande ``orientation`` (CONTRACT.md, « Command line »).

Codes de sortie : 0 succès ; 1 référentiel invalide ou erreur interne ; 2 saisie invalide
(message en français sur la sortie d'erreur, jamais de trace Python).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from orientation.annuaire import (
    Annuaire,
    ErreurAnnuaire,
    ErreurLieu,
    Recherche,
    charger_regles_annuaire,
    dossier_par_defaut,
    enrichir,
    importer,
    resoudre_lieu,
)
from orientation.annuaire.correspondance import identifiants_catalogue
from orientation.annuaire.lecture import COLONNES_TERRITOIRE
from orientation.evaluation.moteur import charger_moteur, moteur_par_defaut
from orientation.referentiel import (
    ErreurReferentiel,
    charger_referentiel,
    dossier_regles_par_defaut,
    scenarios,
)
from orientation.referentiel.scenarios import dossier_features_par_defaut
from orientation.resultat.modele import Orientation
from orientation.resultat.rapport import ligne_contact, texte
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
    if args.commune:
        try:
            resultat = ajouter_contacts(resultat, args.commune, args.annuaire, args.regles)
        except (ErreurAnnuaire, ErreurLieu) as e:
            sys.stderr.write(f"Contacts : {e}\n")
            return SORTIE_SAISIE_INVALIDE
    if args.format == "json":
        sys.stdout.write(resultat.model_dump_json(indent=2) + "\n")
    elif args.format == "fhir":
        from orientation.interfaces import fhir

        sys.stdout.write(fhir.en_json(fhir.bundle(resultat, situation, moteur.referentiel)))
    else:
        sys.stdout.write(texte(resultat))
    return 0


def ecrire_atomiquement(cible: Path, contenu: bytes) -> None:
    """Écrit ``contenu`` dans ``cible`` d'un coup : fichier temporaire à côté de la cible,
    puis renommage (un lecteur ne voit jamais un fichier à moitié écrit ; en cas d'échec, le
    temporaire est effacé)."""
    import contextlib
    import tempfile

    descripteur, temporaire = tempfile.mkstemp(prefix=f".{cible.name}.", suffix=".tmp",
                                               dir=cible.parent)
    try:
        with os.fdopen(descripteur, "wb") as f:
            f.write(contenu)
        os.replace(temporaire, cible)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporaire)


def commande_fiche(args: argparse.Namespace) -> int:
    import datetime as dt

    from orientation.resultat.demande import Demande, lire_demande_json
    from orientation.resultat.fiche import fiche_markdown, fiche_pdf

    cible = Path(args.sortie)
    if cible.suffix.lower() not in (".pdf", ".md"):
        sys.stderr.write(f"-o : « {cible.name} » : extension .pdf ou .md attendue\n")
        return SORTIE_SAISIE_INVALIDE
    if not cible.parent.is_dir():
        sys.stderr.write(f"-o : le dossier « {cible.parent} » n'existe pas\n")
        return SORTIE_SAISIE_INVALIDE
    for entree in (args.fichier, args.demande):
        if entree and entree != "-" and Path(entree).exists() and cible.exists() \
                and Path(entree).resolve() == cible.resolve():
            sys.stderr.write(f"-o : « {cible} » est un fichier d'entrée : il ne sera pas "
                             "écrasé\n")
            return SORTIE_SAISIE_INVALIDE
    if args.fichier == "-" and args.demande == "-":
        sys.stderr.write("--demande - : l'entrée standard porte déjà la situation\n")
        return SORTIE_SAISIE_INVALIDE
    try:
        le = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        sys.stderr.write(f"--date : « {args.date} » n'est pas une date AAAA-MM-JJ\n")
        return SORTIE_SAISIE_INVALIDE
    try:
        situation = lire_situation_json(_lire_entree(args.fichier))
    except ErreurSaisie as e:
        sys.stderr.write("Situation invalide :\n")
        sys.stderr.writelines(f"  - {m}\n" for m in e.messages)
        return SORTIE_SAISIE_INVALIDE
    demande = Demande()
    if args.demande:
        try:
            demande = lire_demande_json(_lire_entree(args.demande))
        except ErreurSaisie as e:
            sys.stderr.write("Demande invalide :\n")
            sys.stderr.writelines(f"  - {m}\n" for m in e.messages)
            return SORTIE_SAISIE_INVALIDE
    moteur = charger_moteur(args.regles) if args.regles else moteur_par_defaut()
    resultat = moteur.screen(situation)
    if args.commune:
        try:
            resultat = ajouter_contacts(resultat, args.commune, args.annuaire, args.regles)
        except (ErreurAnnuaire, ErreurLieu) as e:
            sys.stderr.write(f"Contacts : {e}\n")
            return SORTIE_SAISIE_INVALIDE
    if cible.suffix.lower() == ".pdf":
        contenu = fiche_pdf(situation, resultat, le, demande=demande)
    else:
        contenu = fiche_markdown(situation, resultat, le).encode("utf-8")
    ecrire_atomiquement(cible, contenu)
    sys.stderr.write(f"Fiche écrite : {cible}\n")
    return 0


def commande_rules_check(args: argparse.Namespace) -> int:
    dossier = Path(args.regles) if args.regles else dossier_regles_par_defaut()
    referentiel = charger_referentiel(dossier)
    charger_moteur(dossier)  # la compilation pour durable_rules peut aussi échouer
    if (dossier / "annuaire.yaml").is_file():
        from orientation.annuaire import charger_regles_annuaire

        charger_regles_annuaire(dossier, referentiel.catalogue)
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


def commande_rules_diff(args: argparse.Namespace) -> int:
    import json

    from orientation.referentiel import impact
    from orientation.territoire.lecture import lire_tableau_brut

    referentiels = []
    for role, dossier in (("avant", args.avant), ("après", args.apres)):
        try:
            referentiels.append(charger_referentiel(dossier))
        except ErreurReferentiel as e:
            sys.stderr.write(f"Référentiel « {role} » invalide ({dossier}) :\n")
            sys.stderr.writelines(f"  - {m}\n" for m in e.erreurs)
            return SORTIE_REFERENTIEL_INVALIDE
    avant, apres = referentiels
    cohorte = None
    if args.cohorte:
        chemin = Path(args.cohorte)
        try:
            if not chemin.is_file():
                raise ErreurSaisie([f"(fichier) : « {chemin} » introuvable"])
            cohorte = lire_tableau_brut(chemin.name, chemin.read_bytes())
        except ErreurSaisie as e:
            sys.stderr.write("Cohorte refusée :\n")
            sys.stderr.writelines(f"  - {m}\n" for m in e.messages)
            return SORTIE_SAISIE_INVALIDE
    try:
        resultat = impact.essayer(
            avant, apres, exemples=not args.sans_exemples, scenarios=not args.sans_scenarios,
            cohorte=cohorte, dossier_features=Path(args.features) if args.features else None,
            dossier_exemples=Path(args.exemples) if args.exemples else None,
            nom_avant=str(args.avant), nom_apres=str(args.apres))
    except ErreurSaisie as e:
        sys.stderr.write("Cohorte refusée :\n")
        sys.stderr.writelines(f"  - {m}\n" for m in e.messages)
        return SORTIE_SAISIE_INVALIDE
    for r in resultat.rejets[:REJETS_AFFICHES]:
        qui = f" ({r.id})" if r.id else ""
        sys.stderr.write(f"cohorte, ligne {r.ligne}{qui} : {r.champ} : {r.message}\n")
    if args.format == "json":
        sys.stdout.write(json.dumps(resultat.en_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(impact.texte(resultat, apres))
    return 0


def commande_territoire(args: argparse.Namespace) -> int:
    from orientation.territoire.diagnostic import diagnostiquer
    from orientation.territoire.lecture import lire_cohorte
    from orientation.territoire.rapport import ecrire_rapport, texte_diagnostic

    dossier = Path(args.regles) if args.regles else dossier_regles_par_defaut()
    referentiel = charger_referentiel(dossier)
    if args.sortie and Path(args.sortie).suffix.lower() not in (".html", ".pdf"):
        sys.stderr.write(f"territoire : -o attend un fichier .html ou .pdf, pas "
                         f"« {args.sortie} »\n")
        return SORTIE_SAISIE_INVALIDE
    try:
        cohorte = lire_cohorte(args.cohorte, referentiel)
    except ErreurSaisie as e:
        sys.stderr.write("Cohorte refusée :\n")
        sys.stderr.writelines(f"  - {m}\n" for m in e.messages)
        return SORTIE_SAISIE_INVALIDE
    for r in cohorte.rejets[:REJETS_AFFICHES]:
        qui = f" ({r.id})" if r.id else ""
        sys.stderr.write(f"ligne {r.ligne}{qui} : {r.champ} : {r.message}\n")
    if len(cohorte.rejets) > REJETS_AFFICHES:
        sys.stderr.write(f"… et {len(cohorte.rejets) - REJETS_AFFICHES} autres erreurs\n")
    diagnostic = diagnostiquer(cohorte, referentiel, source=Path(args.cohorte).name)
    if args.sortie:
        try:
            ecrire_rapport(diagnostic, Path(args.sortie), referentiel)
        except OSError as e:
            sys.stderr.write(f"territoire : impossible d'écrire « {args.sortie} » "
                             f"({e.strerror or type(e).__name__})\n")
            return SORTIE_REFERENTIEL_INVALIDE
        sys.stderr.write(f"Rapport écrit : {args.sortie}\n")
    else:
        sys.stdout.write(texte_diagnostic(diagnostic))
    sys.stderr.write(f"Lues : {cohorte.lues} = repérées : {cohorte.reperees} + rejetées : "
                     f"{cohorte.nb_rejetees}\n")
    return SORTIE_SAISIE_INVALIDE if cohorte.rejets else 0


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
    except _erreur_spark() as e:
        sys.stderr.write(f"Spark a échoué : {e}\nAucun fichier de sortie n'a été laissé.\n")
        return SORTIE_ERREUR_ECRITURE
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


def _erreur_spark() -> type[Exception]:
    """La classe des échecs de Spark, sans charger PySpark quand --spark n'est pas demandé."""
    module = sys.modules.get("orientation.tables.spark")
    return module.ErreurSpark if module is not None else _Jamais


class _Jamais(Exception):
    pass


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
    from orientation.tables.spark import ErreurSpark, executer_spark

    try:
        return executer_spark(args.entree, args.sortie, options, args.spark, conf,
                              format_entree=args.format_entree, rejet=rejet, avertir=avertir)
    except ErreurSpark:
        raise
    except ConnectionError as e:  # la JVM ne répond plus : pas une erreur d'écriture
        raise ErreurSpark(e) from e
    except (ErreurSaisie, OSError):
        raise
    except Exception as e:  # noqa: BLE001 — Spark (JVM, grappe) : une phrase, code 1
        raise ErreurSpark(e) from e


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
                       sys.stdout, profil=args.profil)
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
                    "le même N et la même graine donnent le même fichier. Deux profils : "
                    "« couverture » (par défaut : chaque règle tire au moins une fois, pour les "
                    "tests, le banc d'essai et la formation) et « population » (chaque champ "
                    "tiré à sa fréquence dans la population française, par âge, pour mesurer "
                    "ce que le référentiel produirait sur un territoire). Distributions et "
                    "sources : docs/cohorte_synthetique.md.",
    )
    synth.add_argument("--n", type=int, default=1000, help="nombre de personnes (1000)")
    synth.add_argument("--seed", type=int, default=0, help="graine (0)")
    synth.add_argument("--profil", choices=("couverture", "population"), default="couverture",
                       help="couverture (par défaut) ou population")
    synth.add_argument("-o", "--sortie", metavar="FICHIER",
                       help=".csv, .xlsx, .parquet ou .jsonl ; sans : CSV sur la sortie standard")
    synth.set_defaults(fonction=commande_synth)


def commande_serve(args: argparse.Namespace) -> int:
    from orientation.interfaces.service import VARIABLE_JETON, servir

    moteur = charger_moteur(args.regles) if args.regles else moteur_par_defaut()
    jeton = args.jeton or os.environ.get(VARIABLE_JETON) or None
    return servir(args.host, args.port, jeton, moteur, args.annuaire)


# --- Annuaire (issue 11) -----------------------------------------------------------------


def ajouter_contacts(resultat: Orientation, commune: str | None, dossier: str | None,
                     regles: str | None = None) -> Orientation:
    """Pour ``screen`` et ``fiche`` : les contacts si un lieu est donné (l'annuaire par
    défaut s'il n'est pas nommé). Lève ``ErreurLieu`` / ``ErreurAnnuaire``."""
    if not commune:
        return resultat
    regles_annuaire = charger_regles_annuaire(Path(regles) if regles
                                              else dossier_regles_par_defaut())
    return enrichir(resultat, commune, Path(dossier) if dossier else dossier_par_defaut(),
                    regles_annuaire)


def commande_importer(args: argparse.Namespace) -> int:
    dossier = Path(args.annuaire) if args.annuaire else dossier_par_defaut()
    catalogue = charger_referentiel(dossier_regles_par_defaut()).catalogue
    identifiants = identifiants_catalogue(catalogue)
    try:
        bilan = importer(args.fichiers, dossier, identifiants)
    except ErreurAnnuaire as e:
        sys.stderr.write(f"Import refusé : {e}\nL'annuaire n'a pas été modifié.\n")
        return SORTIE_SAISIE_INVALIDE
    for b in bilan.fichiers:
        sys.stdout.write(
            f"{b.fichier} : lues {b.lues} = retenues {b.retenues} + fermées {b.fermees} "
            f"+ rejetées {b.rejetees}"
            + (f" ; {b.sans_coordonnees} sans position" if b.sans_coordonnees else "")
            + f"\n  source : {b.source}\n")
    rejets = bilan.rejets
    for r in rejets[:REJETS_AFFICHES]:
        sys.stderr.write(f"Rejet : {r}\n")
    if len(rejets) > REJETS_AFFICHES:
        sys.stderr.write(f"… et {len(rejets) - REJETS_AFFICHES} autres rejets\n")
    for a in bilan.avertissements:
        sys.stderr.write(f"Attention : {a}\n")
    if bilan.doublons:
        sys.stdout.write(f"{bilan.doublons} numéro(s) FINESS en double : le dernier fichier "
                         "l'emporte.\n")
    if bilan.fermees_selon_flux:
        sys.stdout.write(f"{bilan.fermees_selon_flux} établissement(s) de l'extraction CSV "
                         "fermé(s) selon le flux JSON : écartés.\n")
    sys.stdout.write(f"Annuaire {bilan.dossier} : {bilan.nb_finess} établissements FINESS, "
                     f"{bilan.nb_territoire} structures de l'annuaire territorial.\n")
    return SORTIE_SAISIE_INVALIDE if rejets else 0


def commande_chercher(args: argparse.Namespace) -> int:
    dossier = Path(args.annuaire) if args.annuaire else dossier_par_defaut()
    catalogue = charger_referentiel(dossier_regles_par_defaut()).catalogue
    libelles = identifiants_catalogue(catalogue)
    if args.acteur and args.acteur not in libelles:
        from difflib import get_close_matches

        proche = get_close_matches(args.acteur, list(libelles), n=1)
        aide = f" ; vouliez-vous dire « {proche[0]} » ?" if proche else ""
        sys.stderr.write(f"--acteur : « {args.acteur} » n'est ni un acteur ni une fonction "
                         f"d'appui du catalogue{aide}\n")
        return SORTIE_SAISIE_INVALIDE
    if args.nombre is not None and not 1 <= args.nombre <= 100:
        sys.stderr.write("--nombre : un entier de 1 à 100\n")
        return SORTIE_SAISIE_INVALIDE
    regles = charger_regles_annuaire(dossier_regles_par_defaut(), catalogue)
    try:
        with Annuaire(dossier) as annuaire:
            lieu = resoudre_lieu(annuaire, args.commune)
            recherche = Recherche(annuaire, lieu, regles)
            ids = [args.acteur] if args.acteur else list(libelles)
            trouves = {i: recherche.contacts(i, args.nombre) for i in ids}
            description = recherche.description()
    except (ErreurAnnuaire, ErreurLieu) as e:
        sys.stderr.write(f"{e}\n")
        return SORTIE_SAISIE_INVALIDE
    if not args.acteur:
        trouves = {i: c for i, c in trouves.items() if c}
    if args.format == "json":
        sys.stdout.write(json.dumps({
            "lieu": description.model_dump(mode="json"),
            "resultats": [{"id": i, "libelle": libelles[i],
                           "contacts": [c.model_dump(mode="json") for c in cs]}
                          for i, cs in trouves.items()],
        }, ensure_ascii=False, indent=2) + "\n")
        return 0
    nom = f" {description.nom}" if description.nom else ""
    sys.stdout.write(f"Lieu : {description.saisi}{nom}"
                     + (f" (département {description.departement})"
                        if description.departement else "") + "\n")
    if not description.commune:
        sys.stdout.write("  Commune inconnue de l'annuaire : seules les structures du "
                         "département et celles qui déclarent la desservir sont cherchées.\n")
    elif not description.distances:
        sys.stdout.write("  Position de la commune inconnue : pas de distances ; même commune, "
                         "puis même département.\n")
    if not trouves or not any(trouves.values()):
        sys.stdout.write("\nAucune structure trouvée"
                         + (f" pour « {args.acteur} »" if args.acteur else "") + ".\n")
    for i, contacts in trouves.items():
        sys.stdout.write(f"\n{libelles[i]} ({i})\n")
        if not contacts:
            sys.stdout.write("  aucune structure trouvée\n")
        for c in contacts:
            sys.stdout.write(f"  - {ligne_contact(c)}\n")
    sources = description.annuaire
    if sources:
        sys.stdout.write("\nSources : " + " ; ".join(sources) + "\n")
    return 0


def _declarer_annuaire(commandes: argparse._SubParsersAction) -> None:
    annuaire = commandes.add_parser(
        "annuaire", help="l'annuaire des structures près du patient (FINESS, annuaire "
                         "territorial)",
        description="Construire et interroger l'annuaire local : établissements de FINESS "
                    "(Licence Ouverte) et annuaire territorial d'un DAC ou d'une CPTS. "
                    "Aucune donnée de patient n'y est écrite.")
    sous = annuaire.add_subparsers(dest="sous_commande", required=True,
                                   metavar="SOUS_COMMANDE", parser_class=_Analyseur)
    defaut = dossier_par_defaut()
    imp = sous.add_parser(
        "importer", help="importer FINESS et l'annuaire territorial dans l'index local",
        description="Lit les fichiers et réécrit l'index d'un coup (fichier temporaire puis "
                    "renommage). Fichiers reconnus : flux JSON « Structures » de FINESS, "
                    "extraction CSV etalab-cs1100507 (ou cs1100502), annuaire territorial "
                    "CSV ou YAML. Importer FINESS remplace les structures FINESS de l'index ; "
                    "importer un annuaire territorial remplace l'annuaire territorial. Seuls "
                    "les établissements actifs sont retenus. Colonnes de l'annuaire "
                    "territorial : " + ", ".join(COLONNES_TERRITOIRE) + " (acteurs et nom "
                    "obligatoires). Code 2 si un fichier est refusé ou une ligne rejetée "
                    "(les autres lignes sont importées).")
    imp.add_argument("fichiers", metavar="FICHIER", nargs="+",
                     help="flux FINESS .json, extraction FINESS .csv, annuaire territorial "
                          ".csv ou .yaml")
    imp.add_argument("--annuaire", metavar="DOSSIER",
                     help=f"dossier de l'index (par défaut {defaut}, ou la variable "
                          "ORIENTATION_ANNUAIRE)")
    imp.set_defaults(fonction=commande_importer)

    ch = sous.add_parser(
        "chercher", help="les structures proches d'une commune, par acteur",
        description="Liste, pour chaque acteur et fonction d'appui (ou celui de --acteur), "
                    "les structures les plus proches de la commune : annuaire territorial "
                    "d'abord, puis FINESS par distance, puis même commune, puis même "
                    "département.")
    ch.add_argument("--commune", required=True, metavar="CODE",
                    help="code commune INSEE (ex. 01004) ou code postal (ex. 01500)")
    ch.add_argument("--acteur", metavar="ID",
                    help="un identifiant du catalogue (ex. ehpad, sad_soins, "
                         "dac_reponse_globale)")
    ch.add_argument("--annuaire", metavar="DOSSIER", help=f"dossier de l'index (par défaut "
                                                          f"{defaut})")
    ch.add_argument("--nombre", type=int, metavar="N",
                    help="nombre de structures par acteur (par défaut : contacts_max de "
                         "rules/annuaire.yaml)")
    ch.add_argument("--format", choices=("text", "json"), default="text",
                    help="text (par défaut) ou json")
    ch.set_defaults(fonction=commande_chercher)


def construire_analyseur() -> argparse.ArgumentParser:
    analyseur = _Analyseur(
        prog="orientation",
        description="Repérage des parcours de santé complexes (CSP L6327-1) et orientation "
                    "vers les acteurs et les fonctions d'appui. Aide à la décision : le "
                    "jugement du professionnel prime. Les champs d'une situation, leurs "
                    "libellés et leurs valeurs : docs/vocabulaire.md.",
    )
    commandes = analyseur.add_subparsers(dest="commande", required=True, metavar="COMMANDE",
                                         parser_class=_Analyseur)

    screen = commandes.add_parser(
        "screen", help="repérer une situation (fichier JSON, ou - pour l'entrée standard)",
        description="Repère une situation décrite en JSON (voir examples/ ; champs et valeurs : "
                    "docs/vocabulaire.md) et affiche l'orientation. Saisie invalide : code 2 "
                    "et message nommant chaque champ.",
    )
    screen.add_argument("fichier", metavar="FICHIER", help="situation JSON, ou - pour stdin")
    screen.add_argument("--format", choices=("text", "json", "fhir"), default="text",
                        help="text (résumé en français, par défaut), json (champs : "
                             "docs/vocabulaire.md) ou fhir (Bundle FHIR R4 : CarePlan, "
                             "ServiceRequest, DetectedIssue)")
    screen.add_argument("--regles", metavar="DOSSIER", help="autre dossier de règles")
    screen.add_argument("--commune", metavar="CODE",
                        help="code commune INSEE ou code postal du patient : chaque acteur et "
                             "appui proposé reçoit ses structures proches (contacts) ; le code "
                             "n'est écrit nulle part")
    screen.add_argument("--annuaire", metavar="DOSSIER",
                        help="dossier de l'annuaire (orientation annuaire importer ; par "
                             "défaut le dossier de données de l'utilisateur)")
    screen.set_defaults(fonction=commande_screen)

    serve = commandes.add_parser(
        "serve", help="service HTTP local : /screen, CDS Hooks, FHIR (documentation : /docs)",
        description="Lance le service HTTP (FastAPI, uvicorn) : POST /screen (comme screen "
                    "--format json), GET /cds-services et POST /cds-services/orientation "
                    "(CDS Hooks, hook patient-view), GET /fhir/Questionnaire/orientation, "
                    "POST /fhir/$orientation (Bundle FHIR), GET /sante ; documentation en "
                    "français sur /docs. Écoute sur 127.0.0.1 par défaut. Hors de la "
                    "boucle locale, exigez un jeton (variable ORIENTATION_JETON, préférable "
                    "à --jeton que la liste des processus montre) et placez le service "
                    "derrière un mandataire HTTPS. Arrêt : Ctrl+C ou SIGTERM (les requêtes "
                    "en cours se terminent).",
    )
    serve.add_argument("--host", default="127.0.0.1", metavar="HÔTE",
                       help="adresse d'écoute (par défaut 127.0.0.1, la machine seule)")
    serve.add_argument("--port", type=int, default=8000, metavar="PORT",
                       help="port d'écoute (par défaut 8000 ; 0 : un port libre, annoncé "
                            "sur la sortie d'erreur)")
    serve.add_argument("--jeton", metavar="JETON",
                       help="jeton exigé dans « Authorization: Bearer JETON » (par défaut : "
                            "la variable ORIENTATION_JETON ; sans jeton, accès libre)")
    serve.add_argument("--regles", metavar="DOSSIER", help="autre dossier de règles")
    serve.add_argument("--annuaire", metavar="DOSSIER",
                       help="annuaire des contacts (orientation annuaire importer), pour "
                            "?commune= et le code postal du patient en CDS Hooks ; par "
                            "défaut celui de l'utilisateur")
    serve.set_defaults(fonction=commande_serve)

    fiche = commandes.add_parser(
        "fiche", help="la demande d'appui au DAC en PDF (une page, plus l'annexe)",
        description="Écrit la fiche d'une situation : en PDF, une demande d'appui au DAC sur "
                    "une page (personne, demandeur, motif, urgence, consentement, niveau, ce "
                    "qui est demandé, acteurs et contacts) puis une annexe (règles, valeurs, "
                    "sources) ; en .md, la fiche en Markdown. Rien d'autre n'est écrit que le "
                    "fichier demandé (d'un coup : temporaire à côté, puis renommage). "
                    "L'identité de la personne et le demandeur viennent de --demande ; "
                    "sinon, des champs à remplir à la main.")
    fiche.add_argument("fichier", metavar="FICHIER", help="situation JSON, ou - pour stdin")
    fiche.add_argument("-o", "--sortie", required=True, metavar="FICHE",
                       help="fichier à écrire : .pdf (demande d'appui) ou .md")
    fiche.add_argument("--commune", metavar="CODE",
                       help="code commune INSEE ou code postal : les contacts des acteurs")
    fiche.add_argument("--annuaire", metavar="DOSSIER",
                       help="dossier de l'annuaire (par défaut celui de l'utilisateur)")
    fiche.add_argument("--demande", metavar="DEMANDE",
                       help="JSON de la demande, ou - pour stdin : personne {nom, prenom, "
                            "naissance JJ/MM/AAAA, telephone, adresse}, demandeur {nom, "
                            "qualite, rpps, telephone, courriel, structure}, motif, "
                            "deja_fait, delai, consentement (true/false)")
    fiche.add_argument("--date", metavar="AAAA-MM-JJ", help="date du repérage (aujourd'hui)")
    fiche.add_argument("--regles", metavar="DOSSIER", help="autre dossier de règles")
    fiche.set_defaults(fonction=commande_fiche)

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

    diff = sous.add_parser(
        "diff", help="essayer un changement de règles : ce qu'il change pour des patients",
        description="Repère les mêmes situations avec deux dossiers de règles et dit ce qui "
                    "change : les exemples (examples/), les situations des scénarios "
                    "(features/) et, avec --cohorte, une cohorte au format de batch. Patients "
                    "qui changent de niveau (matrice de transition), fonctions d'appui, "
                    "alertes, clusters et acteurs gagnés ou perdus, règles tirées en plus ou "
                    "en moins, chacun avec quelques patients en exemple. Un patient « change » "
                    "quand son orientation change (niveau, urgence, PPS, secteurs, parcours, "
                    "clusters, acteurs, appuis, alertes).",
    )
    diff.add_argument("avant", metavar="AVANT_DIR", help="dossier de règles actuel (ex. rules)")
    diff.add_argument("apres", metavar="APRES_DIR", help="dossier de règles modifié")
    diff.add_argument("--cohorte", metavar="FICHIER",
                      help="cohorte à repérer aussi (.csv, .xlsx, .parquet, .jsonl)")
    diff.add_argument("--format", choices=("text", "json"), default="text",
                      help="text (compte rendu en français, par défaut) ou json")
    diff.add_argument("--features", metavar="DOSSIER",
                      help="dossier des scénarios (par défaut features/ du dépôt)")
    diff.add_argument("--exemples", metavar="DOSSIER",
                      help="dossier des exemples JSON (par défaut examples/ du dépôt)")
    diff.add_argument("--sans-exemples", action="store_true", help="ne pas repérer les exemples")
    diff.add_argument("--sans-scenarios", action="store_true",
                      help="ne pas repérer les situations des scénarios")
    diff.set_defaults(fonction=commande_rules_diff)

    territoire = commandes.add_parser(
        "territoire", help="diagnostic territorial d'une cohorte (rapport HTML ou PDF)",
        description="Le diagnostic d'une cohorte pour une CPTS ou un DAC : niveaux par "
                    "tranche d'âge (et par commune si le fichier a une colonne commune), "
                    "besoins par cluster et acteur, demande par fonction d'appui et charge "
                    "qu'elle représente, alertes, règles les plus tirées, lacunes du "
                    "territoire ; chaque chiffre avec son effectif et sa part. La cohorte est "
                    "un fichier d'entrée de batch (repéré ici) ou une sortie de batch. Sans "
                    "-o : résumé en français sur la sortie standard. Code 2 si une ligne au "
                    "moins est rejetée.",
    )
    territoire.add_argument("cohorte", metavar="COHORTE",
                            help=".csv, .xlsx, .parquet ou .jsonl, repérée ou non")
    territoire.add_argument("-o", "--sortie", metavar="RAPPORT",
                            help="rapport .html (autonome : graphiques en SVG, rien à "
                                 "télécharger pour le lire) ou .pdf")
    territoire.add_argument("--regles", metavar="DOSSIER", help="autre dossier de règles")
    territoire.set_defaults(fonction=commande_territoire)

    for declarer in (_declarer_batch, _declarer_modele, _declarer_synth, _declarer_annuaire):
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


def main(argv: Sequence[str] | None = None, *, processus: bool = False) -> int:
    """La commande ``argv`` (défaut : ``sys.argv``). ``processus`` : appelée par la console,
    seule dans son processus — un lot sans Spark y tourne alors sans pandas
    (``orientation.tables.sans_pandas``) et le processus s'arrête dès le lot écrit."""
    args = construire_analyseur().parse_args(argv)
    lot_seul = processus and args.fonction is commande_batch and args.spark is None
    if lot_seul:
        from orientation.tables.sans_pandas import ecarter_pandas

        ecarter_pandas()
    try:
        code = args.fonction(args)
        sys.stdout.flush()  # une sortie pleine (/dev/full) se découvre ici
        if lot_seul:
            # Le lot est écrit, fermé et renommé, le bilan affiché : le processus s'arrête
            # sans défaire un à un les objets qu'il garde (caches du repérage, modules) —
            # ≈ 0,15 s sur 1 M de patients, mesuré. Seule la sortie d'erreur reste à vider.
            sys.stderr.flush()
            os._exit(code)
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


def lancer() -> int:
    """Le point d'entrée de la console (``orientation``, ``python -m orientation``)."""
    return main(processus=True)


if __name__ == "__main__":
    sys.exit(lancer())
