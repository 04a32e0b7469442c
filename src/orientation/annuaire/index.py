"""L'index local de l'annuaire : une base SQLite (bibliothèque standard) dans un dossier de
données de l'utilisateur (``$XDG_DATA_HOME/orientation`` sous Linux, via platformdirs) ou
dans le dossier ``--annuaire DOSSIER``.

Il ne contient que des structures (établissements, services, leurs coordonnées) et la liste
des fichiers importés : jamais rien d'un patient. Il est écrit d'un coup : base complète
dans un fichier temporaire du même dossier, puis renommage atomique ; un lecteur voit
l'ancienne base ou la nouvelle, jamais une base à moitié écrite.

Importer des fichiers FINESS remplace toutes les structures FINESS de l'index ; importer un
annuaire territorial remplace l'annuaire territorial ; l'autre sorte est gardée. Un même
numéro FINESS vu deux fois : le dernier fichier nommé l'emporte.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from orientation.annuaire.lecture import (
    BilanFichier,
    ErreurAnnuaire,
    Structure,
    departement_de,
    est_extraction_csv,
    lire_extraction_csv,
    lire_flux_json,
    lire_territoire,
)

NOM_INDEX = "annuaire.sqlite"
VERSION_INDEX = "2"
VARIABLE_ANNUAIRE = "ORIENTATION_ANNUAIRE"

_SCHEMA = """
CREATE TABLE meta (cle TEXT PRIMARY KEY, valeur TEXT NOT NULL);
CREATE TABLE sources (
    rang INTEGER PRIMARY KEY, origine TEXT NOT NULL, fichier TEXT NOT NULL,
    sorte TEXT NOT NULL, source TEXT NOT NULL, lues INTEGER NOT NULL,
    retenues INTEGER NOT NULL, fermees INTEGER NOT NULL, rejetees INTEGER NOT NULL);
CREATE TABLE structures (
    id INTEGER PRIMARY KEY, origine TEXT NOT NULL, nom TEXT NOT NULL, source TEXT NOT NULL,
    finess TEXT, categorie TEXT, adresse TEXT, code_postal TEXT, commune TEXT,
    nom_commune TEXT, departement TEXT, telephone TEXT, courriel TEXT,
    latitude REAL, longitude REAL, date_maj TEXT NOT NULL DEFAULT '');
CREATE TABLE acteurs (structure INTEGER NOT NULL, acteur TEXT NOT NULL);
CREATE TABLE dessertes (structure INTEGER NOT NULL, sorte TEXT NOT NULL, code TEXT NOT NULL);
CREATE TABLE communes (
    insee TEXT PRIMARY KEY, nom TEXT, departement TEXT NOT NULL,
    latitude REAL, longitude REAL, nb_positions INTEGER NOT NULL);
CREATE TABLE codes_postaux (code_postal TEXT NOT NULL, insee TEXT NOT NULL,
    PRIMARY KEY (code_postal, insee));
"""
_INDEX_SQL = """
CREATE INDEX structures_categorie ON structures (categorie, departement);
CREATE INDEX structures_categorie_commune ON structures (categorie, commune);
CREATE INDEX structures_categorie_position ON structures (categorie, latitude, longitude);
CREATE INDEX structures_finess ON structures (finess);
CREATE INDEX structures_position ON structures (latitude, longitude);
CREATE INDEX acteurs_acteur ON acteurs (acteur);
CREATE INDEX dessertes_code ON dessertes (sorte, code);
"""
_COLONNES = ("origine", "nom", "source", "finess", "categorie", "adresse", "code_postal",
             "commune", "nom_commune", "departement", "telephone", "courriel", "latitude",
             "longitude", "date_maj")


def dossier_par_defaut() -> Path:
    """``ORIENTATION_ANNUAIRE`` s'il est défini, sinon le dossier de données de
    l'utilisateur (``~/.local/share/orientation`` ou ``$XDG_DATA_HOME/orientation``)."""
    choisi = os.environ.get(VARIABLE_ANNUAIRE)
    if choisi:
        return Path(choisi)
    from platformdirs import user_data_dir

    return Path(user_data_dir("orientation", appauthor=False))


@dataclass
class BilanImport:
    """Le compte rendu d'un import : un bilan par fichier, et ce que contient l'index."""

    dossier: Path
    fichiers: list[BilanFichier] = field(default_factory=list)
    doublons: int = 0
    fermees_selon_flux: int = 0
    nb_finess: int = 0
    nb_territoire: int = 0
    avertissements: list[str] = field(default_factory=list)

    @property
    def rejets(self) -> list[str]:
        return [r for b in self.fichiers for r in b.rejets]


@dataclass(frozen=True)
class InfoSource:
    origine: str
    fichier: str
    sorte: str
    source: str
    lues: int
    retenues: int
    fermees: int
    rejetees: int


def _sorte(chemin: Path) -> str:
    suffixe = chemin.suffix.lower()
    if suffixe == ".json":
        return "finess_json"
    if suffixe in (".yaml", ".yml"):
        return "territoire"
    if suffixe in (".csv", ".txt"):
        return "finess_csv" if est_extraction_csv(chemin) else "territoire"
    raise ErreurAnnuaire(f"{chemin.name} : format non reconnu (flux FINESS .json, extraction "
                         "FINESS .csv, annuaire territorial .csv ou .yaml)")


def importer(fichiers: Sequence[Path | str], dossier: Path | str | None = None,
             identifiants: Iterable[str] | None = None) -> BilanImport:
    """Lit les fichiers et réécrit l'index du dossier (atomiquement).

    ``identifiants`` : ceux du catalogue (acteurs et fonctions d'appui) permis dans un
    annuaire territorial ; par défaut, ceux du référentiel. Lève ``ErreurAnnuaire`` si un
    fichier est inutilisable en entier (rien n'est alors écrit) ; les lignes rejetées sont
    dans le bilan."""
    if not fichiers:
        raise ErreurAnnuaire("aucun fichier à importer")
    dossier = Path(dossier) if dossier else dossier_par_defaut()
    if identifiants is None:
        from orientation.annuaire.correspondance import identifiants_catalogue
        from orientation.referentiel import charger_referentiel, dossier_regles_par_defaut

        identifiants = identifiants_catalogue(
            charger_referentiel(dossier_regles_par_defaut()).catalogue)
    permis = set(identifiants)
    bilan = BilanImport(dossier=dossier)
    finess: list[Structure] | None = None
    territoire: list[Structure] | None = None
    fermes: set[str] = set()
    for f in fichiers:
        chemin = Path(f)
        if not chemin.is_file():
            raise ErreurAnnuaire(f"{chemin} : fichier introuvable")
        sorte = _sorte(chemin)
        if sorte == "finess_json":
            structures, b = lire_flux_json(chemin)
        elif sorte == "finess_csv":
            structures, b = lire_extraction_csv(chemin)
        else:
            structures, b = lire_territoire(chemin, permis)
        bilan.fichiers.append(b)
        fermes |= b.fermes_finess
        if sorte == "territoire":
            territoire = (territoire or []) + structures
        else:
            finess = (finess or []) + structures
    if finess is not None:
        par_numero: dict[str, Structure] = {}
        for s in finess:
            if s.finess in par_numero:
                bilan.doublons += 1
            par_numero[s.finess] = s  # le dernier fichier l'emporte
        retenues = [s for n, s in par_numero.items() if n not in fermes]
        bilan.fermees_selon_flux = len(par_numero) - len(retenues)
        finess = retenues
    dossier.mkdir(parents=True, exist_ok=True)
    chemin_index = dossier / NOM_INDEX
    anciennes: dict[str, tuple[list[Structure], list[InfoSource]]] = {}
    if chemin_index.is_file() and (finess is None or territoire is None):
        try:
            with Annuaire(dossier) as ancien:
                for origine in ("finess", "territoire"):
                    anciennes[origine] = (list(ancien.toutes(origine)),
                                          [s for s in ancien.sources() if s.origine == origine])
        except (ErreurAnnuaire, sqlite3.DatabaseError) as e:
            # Un index d'une autre version ou abîmé : il est remplacé par ce qui est importé.
            bilan.avertissements.append(f"ancien index écarté ({str(e).split(' ; ')[0]}) : "
                                        "seuls les fichiers importés maintenant y sont")
    nouvelles: dict[str, tuple[list[Structure], list[InfoSource]]] = {}
    for origine, structures in (("finess", finess), ("territoire", territoire)):
        if structures is None:
            nouvelles[origine] = anciennes.get(origine, ([], []))
        else:
            infos = [InfoSource(origine, b.fichier, b.sorte, b.source, b.lues, b.retenues,
                                b.fermees, b.rejetees)
                     for b in bilan.fichiers if (b.sorte == "territoire") == (origine ==
                                                                               "territoire")]
            nouvelles[origine] = (structures, infos)
    bilan.nb_finess = len(nouvelles["finess"][0])
    bilan.nb_territoire = len(nouvelles["territoire"][0])
    _ecrire(chemin_index, nouvelles["finess"][0] + nouvelles["territoire"][0],
            nouvelles["finess"][1] + nouvelles["territoire"][1])
    return bilan


def _ecrire(chemin: Path, structures: list[Structure], sources: list[InfoSource]) -> None:
    descripteur, temporaire = tempfile.mkstemp(prefix=".annuaire-", suffix=".tmp",
                                               dir=chemin.parent)
    os.close(descripteur)
    try:
        os.chmod(temporaire, 0o644)  # un index public (structures), lisible comme un fichier
        base = sqlite3.connect(temporaire)
        try:
            base.executescript(_SCHEMA)
            base.execute("INSERT INTO meta VALUES ('version', ?)", (VERSION_INDEX,))
            base.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             [(i, s.origine, s.fichier, s.sorte, s.source, s.lues, s.retenues,
                               s.fermees, s.rejetees) for i, s in enumerate(sources)])
            base.executemany(
                f"INSERT INTO structures (id, {', '.join(_COLONNES)}) VALUES "
                f"(?, {', '.join('?' * len(_COLONNES))})",
                ((i, *(getattr(s, c) for c in _COLONNES)) for i, s in enumerate(structures, 1)))
            base.executemany("INSERT INTO acteurs VALUES (?, ?)",
                             ((i, a) for i, s in enumerate(structures, 1) for a in s.acteurs))
            base.executemany("INSERT INTO dessertes VALUES (?, ?, ?)",
                             ((i, sorte, code) for i, s in enumerate(structures, 1)
                              for sorte, codes in (("commune", s.communes_desservies),
                                                   ("departement", s.departements_desservis))
                              for code in codes))
            _communes(base, structures)
            base.executescript(_INDEX_SQL)
            base.commit()
        finally:
            base.close()
        os.replace(temporaire, chemin)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporaire)


def _communes(base: sqlite3.Connection, structures: list[Structure]) -> None:
    """Les communes connues de l'annuaire : nom, département, codes postaux, et un centre
    approché (moyenne des positions des structures de la commune), d'où partent les
    distances. Une commune sans structure géolocalisée n'a pas de centre."""
    communes: dict[str, dict] = {}
    postaux: set[tuple[str, str]] = set()
    for s in structures:
        if not s.commune:
            continue
        c = communes.setdefault(s.commune, {"noms": {}, "lat": 0.0, "lon": 0.0, "n": 0})
        if s.nom_commune:
            c["noms"][s.nom_commune] = c["noms"].get(s.nom_commune, 0) + 1
        if s.latitude is not None and s.longitude is not None:
            c["lat"] += s.latitude
            c["lon"] += s.longitude
            c["n"] += 1
        if s.code_postal:
            postaux.add((s.code_postal, s.commune))
    lignes = []
    for insee, c in sorted(communes.items()):
        nom = min(c["noms"], key=lambda x: (-c["noms"][x], x)) if c["noms"] else None
        n = c["n"]
        lignes.append((insee, nom, departement_de(insee), c["lat"] / n if n else None,
                       c["lon"] / n if n else None, n))
    base.executemany("INSERT INTO communes VALUES (?, ?, ?, ?, ?, ?)", lignes)
    base.executemany("INSERT INTO codes_postaux VALUES (?, ?)", sorted(postaux))


class Annuaire:
    """Un index ouvert en lecture seule. Une connexion par objet : pour un service à
    plusieurs fils, ouvrir un ``Annuaire`` par requête (c'est rapide) ou passer le dossier
    à ``enrichir`` qui le fait."""

    def __init__(self, dossier: Path | str | None = None):
        self.dossier = Path(dossier) if dossier else dossier_par_defaut()
        chemin = self.dossier / NOM_INDEX
        if not chemin.is_file():
            raise ErreurAnnuaire(
                f"aucun annuaire dans {self.dossier} : le construire avec « orientation "
                f"annuaire importer FICHIER… --annuaire {self.dossier} »")
        try:
            self._base = sqlite3.connect(f"{chemin.resolve().as_uri()}?mode=ro", uri=True)
            version = self._base.execute("SELECT valeur FROM meta WHERE cle='version'").fetchone()
        except sqlite3.DatabaseError as e:
            raise ErreurAnnuaire(f"{chemin} : index illisible ({e}) ; le reconstruire avec "
                                 "« orientation annuaire importer »") from None
        if not version or version[0] != VERSION_INDEX:
            self._base.close()
            raise ErreurAnnuaire(f"{chemin} : index d'une autre version ; le reconstruire avec "
                                 "« orientation annuaire importer »")
        self._base.row_factory = sqlite3.Row

    def __enter__(self) -> Annuaire:
        return self

    def __exit__(self, *exc: object) -> None:
        self.fermer()

    def fermer(self) -> None:
        self._base.close()

    def requete(self, sql: str, parametres: Sequence = ()) -> list[sqlite3.Row]:
        return self._base.execute(sql, parametres).fetchall()

    def sources(self) -> list[InfoSource]:
        return [InfoSource(r["origine"], r["fichier"], r["sorte"], r["source"], r["lues"],
                           r["retenues"], r["fermees"], r["rejetees"])
                for r in self.requete("SELECT * FROM sources ORDER BY rang")]

    def nombre(self, origine: str) -> int:
        return self.requete("SELECT count(*) FROM structures WHERE origine = ?",
                            (origine,))[0][0]

    def structure(self, ligne: sqlite3.Row, sans_liens: bool = False) -> Structure:
        """La structure d'une ligne ; ``sans_liens`` : sans ses acteurs ni ses dessertes
        (une fiche FINESS n'en a pas : deux requêtes de moins par ligne)."""
        if sans_liens:
            return Structure(**{c: ligne[c] for c in _COLONNES})
        ident = ligne["id"]
        acteurs = tuple(r[0] for r in self.requete(
            "SELECT acteur FROM acteurs WHERE structure = ? ORDER BY rowid", (ident,)))
        dessertes = self.requete("SELECT sorte, code FROM dessertes WHERE structure = ? "
                                 "ORDER BY rowid", (ident,))
        return Structure(
            **{c: ligne[c] for c in _COLONNES}, acteurs=acteurs,
            communes_desservies=tuple(c for s, c in dessertes if s == "commune"),
            departements_desservis=tuple(c for s, c in dessertes if s == "departement"))

    def toutes(self, origine: str) -> Iterable[Structure]:
        for ligne in self.requete("SELECT * FROM structures WHERE origine = ? ORDER BY id",
                                  (origine,)):
            yield self.structure(ligne, sans_liens=origine == "finess")
