"""Lecture des fichiers d'un annuaire : flux JSON FINESS, extraction CSV etalab-cs1100507,
annuaire territorial (CSV ou YAML) tenu par un DAC ou une CPTS.

Chaque lecteur rend des ``Structure`` et un ``BilanFichier`` : lignes lues, retenues,
fermées (jamais importées), rejetées (chaque rejet avec sa place et sa raison, en français),
et ``lues = retenues + fermees + rejetees``. Un fichier illisible en entier (format inconnu,
trop gros, JSON invalide) lève ``ErreurAnnuaire`` avec un message en français.

Choix documentés (../shared/data/finess/README.md) :
- flux JSON : un établissement (EGE) est retenu si son ``etatObjet`` est « A » (actif) et
  qu'il n'a pas de ``dateFermeture`` antérieure ou égale à la date du flux. L'état de
  l'établissement fait foi : une entité juridique fermée ne ferme pas ses établissements
  (dans l'échantillon du 9 mars 2026, l'EJ « RESIDENCE FONTELUNE » est fermée le 2 mars
  2026, son EHPAD et son SSIAD restent actifs) ;
- extraction CSV : elle n'a pas de colonne d'état ; un numéro que le flux JSON importé en
  même temps dit fermé n'est pas retenu. Encodage UTF-8, sinon Windows-1252 ;
  coordonnées converties en WGS84 selon la projection nommée par ``sourcecoordet``
  (Lambert 93, UTM des outre-mer) ; projection inconnue : pas de coordonnées ;
- annuaire territorial : colonnes nommées (voir ``COLONNES_TERRITOIRE``) ; toute colonne
  inconnue refuse le fichier (une faute de frappe ne doit pas effacer une information).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROFONDEUR_MAX_JSON = 32  # le schéma du flux en compte moins de 10
TAILLE_MAX_FLUX = 4 * 1024**3  # le flux national complet tient largement en dessous
TAILLE_MAX_TERRITOIRE = 50 * 1024**2
LONGUEUR_MAX_TEXTE = 300
NB_MAX_STRUCTURES_TERRITOIRE = 100_000
LICENCE = "Licence Ouverte / Open Licence (Etalab)"

_FINESS = re.compile(r"^[0-9][0-9A-Z][0-9]{7}$")
_FINESS_JSON = re.compile(r"^[A-Za-z0-9]{9}$")
_CATEGORIE = re.compile(r"^[0-9]{3}$")
_INSEE = re.compile(r"^(?:[0-9]{2}|2[AB])[0-9]{3}$")
_DEPARTEMENT = re.compile(r"^(?:[0-9]{2}|2[AB]|97[1-8]|98[4-9])$")
_CODE_POSTAL = re.compile(r"^[0-9]{5}$")
_TELEPHONE = re.compile(r"^\+?[0-9][0-9 .\-]{3,19}$")
_COURRIEL = re.compile(r"^[^@\s;,<>\"]{1,64}@[^@\s;,<>\"]{1,190}\.[A-Za-z]{2,24}$")
_IDENTIFIANT = re.compile(r"^[a-z][a-z0-9_]{0,60}$")
_SEPARATEURS_LISTE = re.compile(r"[\s,;|]+")

# Départements d'outre-mer de l'extraction CSV (colonne departement) → début du code INSEE.
# Correspondance déduite des lignes publiées (9A Guadeloupe = 971, …) : non vérifiée sur une
# source officielle ; un code qui n'y correspond pas laisse la commune inconnue.
_OUTRE_MER_CSV = {"9A": "971", "9B": "972", "9C": "973", "9D": "974", "9E": "975",
                  "9F": "976", "9J": "986"}
# Projections citées par ``sourcecoordet`` → code EPSG.
_PROJECTIONS = {"LAMBERT_93": 2154, "UTM_N20": 5490, "UTM_N22": 2972, "UTM_S40": 2975,
                "UTM_S38": 4471, "UTM_N21": 4467}


class ErreurAnnuaire(Exception):
    """Un fichier ou un annuaire inutilisable en entier ; message en français."""


@dataclass
class Structure:
    """Un établissement ou service, tel qu'il sera proposé (aucune donnée de patient)."""

    origine: str  # "finess" | "territoire"
    nom: str
    source: str
    finess: str | None = None
    categorie: str | None = None
    adresse: str | None = None
    code_postal: str | None = None
    commune: str | None = None  # code INSEE de l'adresse
    nom_commune: str | None = None
    departement: str | None = None
    telephone: str | None = None
    courriel: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    acteurs: tuple[str, ...] = ()  # annuaire territorial : identifiants du catalogue
    communes_desservies: tuple[str, ...] = ()
    departements_desservis: tuple[str, ...] = ()
    date_maj: str = ""


@dataclass
class BilanFichier:
    fichier: str
    sorte: str  # "finess_json" | "finess_csv" | "territoire"
    source: str = ""
    lues: int = 0
    retenues: int = 0
    fermees: int = 0
    rejets: list[str] = field(default_factory=list)
    sans_coordonnees: int = 0
    fermes_finess: set[str] = field(default_factory=set)  # numéros dits fermés (flux JSON)

    @property
    def rejetees(self) -> int:
        return len(self.rejets)

    def rejeter(self, ou: str, message: str) -> None:
        self.rejets.append(f"{self.fichier}, {ou} : {message}")


def departement_de(insee: str) -> str:
    """Le département d'un code commune INSEE (trois caractères outre-mer)."""
    return insee[:3] if insee[:2] in ("97", "98") else insee[:2]


def _texte(valeur: Any, champ: str) -> str | None:
    """Un texte nettoyé, ``None`` s'il est vide ; ``ValueError`` s'il est démesuré."""
    if valeur is None:
        return None
    if not isinstance(valeur, str):
        if isinstance(valeur, bool) or not isinstance(valeur, int | float):
            raise ValueError(f"{champ} : un texte est attendu")
        valeur = str(valeur)
    valeur = " ".join(valeur.split())
    if len(valeur) > LONGUEUR_MAX_TEXTE:
        raise ValueError(f"{champ} : texte trop long ({len(valeur)} caractères, "
                         f"{LONGUEUR_MAX_TEXTE} au plus)")
    return valeur or None


def _telephone(valeur: Any, champ: str = "telephone") -> str | None:
    t = _texte(valeur, champ)
    if t is None:
        return None
    if not _TELEPHONE.match(t):
        raise ValueError(f"{champ} : « {t[:40]} » n'est pas un numéro de téléphone")
    return t


def _courriel(valeur: Any) -> str | None:
    t = _texte(valeur, "courriel")
    if t is None:
        return None
    if not _COURRIEL.match(t):
        raise ValueError(f"courriel : « {t[:60]} » n'est pas une adresse électronique")
    return t


def _coordonnee(valeur: Any, champ: str, borne: float) -> float | None:
    t = _texte(valeur, champ)
    if t is None:
        return None
    try:
        x = float(t.replace(",", "."))
    except ValueError:
        raise ValueError(f"{champ} : « {t[:30]} » n'est pas un nombre") from None
    if not -borne <= x <= borne:
        raise ValueError(f"{champ} : {x} hors de [-{borne}, {borne}]")
    return x


# --- Flux JSON FINESS ---------------------------------------------------------------------------


def _premier(liste: Any, champ: str) -> dict:
    """Le premier objet d'une liste d'objets (adresses, contacts) ; ``ValueError`` si ce
    n'en est pas une."""
    if liste is None:
        return {}
    if not isinstance(liste, list) or not all(isinstance(x, dict) for x in liste):
        raise ValueError(f"{champ} : liste d'objets attendue")
    return liste[0] if liste else {}


def _ege_en_structure(ege: dict, source: str) -> Structure:
    info = ege.get("informationsGeneralesEGE")
    if not isinstance(info, dict):
        raise ValueError("informationsGeneralesEGE manquant")
    numero = _texte(info.get("numFinessEge"), "numFinessEge")
    if not numero or not _FINESS_JSON.match(numero):
        raise ValueError(f"numFinessEge : « {numero} » n'est pas un numéro FINESS (9 caractères)")
    nom = _texte(info.get("nomEgeLong"), "nomEgeLong") or _texte(info.get("nomEgeCourt"),
                                                                 "nomEgeCourt")
    if not nom:
        raise ValueError("nomEgeLong et nomEgeCourt manquants")
    categorie = _texte(ege.get("categorieentiteGeographiqueExercice"),
                       "categorieentiteGeographiqueExercice")
    if not categorie or not _CATEGORIE.match(categorie):
        raise ValueError(f"categorieentiteGeographiqueExercice : « {categorie} » n'est pas un "
                         "code à trois chiffres")
    adr = _premier(ege.get("adresse"), "adresse")
    commune = _texte(adr.get("cogCommune"), "cogCommune")
    if commune is not None and not _INSEE.match(commune):
        raise ValueError(f"cogCommune : « {commune} » n'est pas un code commune INSEE")
    code_postal = _texte(adr.get("codePostal"), "codePostal")
    ville = _texte(adr.get("ligneAcheminement"), "ligneAcheminement")
    rue = _texte(adr.get("ligneQuatre"), "ligneQuatre") or " ".join(
        x for x in (_texte(adr.get(k), k) for k in ("numeroVoie", "typeVoie", "libelleVoie"))
        if x) or None
    lieu_dit = _texte(adr.get("lieuDit"), "lieuDit")
    adresse = ", ".join(x for x in (rue, lieu_dit, " ".join(
        x for x in (code_postal, ville) if x)) if x) or None
    geo = adr.get("coordonneesGeographique")
    lat = lon = None
    if isinstance(geo, dict):
        lat = _coordonnee(geo.get("directionLatitude"), "directionLatitude", 90)
        lon = _coordonnee(geo.get("directionLongitude"), "directionLongitude", 180)
        if lat is None or lon is None:
            lat = lon = None
    telephone = courriel = None
    _premier(ege.get("contact"), "contact")
    for contact in ege.get("contact") or []:
        telecom = contact.get("telecom")
        if isinstance(telecom, dict):
            telephone = telephone or _telephone(telecom.get("telephone"))
            courriel = courriel or _courriel(telecom.get("courriel"))
    return Structure(
        origine="finess", nom=nom, source=source, finess=numero.upper(), categorie=categorie,
        adresse=adresse, code_postal=code_postal, commune=commune, nom_commune=ville,
        departement=departement_de(commune) if commune else None, telephone=telephone,
        courriel=courriel, latitude=lat, longitude=lon,
        date_maj=_texte(ege.get("dateDerniereMaj"), "dateDerniereMaj") or "")


def lire_flux_json(chemin: Path) -> tuple[list[Structure], BilanFichier]:
    """Le flux « Structures » FINESS (JSON, schéma v1), lu en continu (ijson) : la mémoire
    ne croît pas avec la taille du fichier, seulement avec le nombre d'établissements actifs."""
    import ijson

    bilan = BilanFichier(chemin.name, "finess_json")
    if chemin.stat().st_size > TAILLE_MAX_FLUX:
        raise ErreurAnnuaire(f"{chemin.name} : fichier trop gros pour un flux FINESS "
                             f"({chemin.stat().st_size} octets)")
    structures: list[Structure] = []
    genere = version = None
    vu_pmej = False
    # Deux passes. 1) basic_parse, sans construire d'objet ni de préfixe (leur coût croît
    # avec la profondeur) : JSON valide, profondeur bornée (un fichier imbriqué à l'extrême
    # est refusé tout de suite), date et version du flux. 2) items, qui construit chaque
    # entité juridique en C : la mémoire reste plate, un établissement après l'autre.
    try:
        with chemin.open("rb") as f:
            profondeur = 0
            cles: list[str | None] = [None] * (PROFONDEUR_MAX_JSON + 2)
            for evenement, valeur in ijson.basic_parse(f):
                if evenement == "map_key":
                    cles[profondeur] = valeur
                elif evenement in ("start_map", "start_array"):
                    profondeur += 1
                    if profondeur == 1 and evenement != "start_map":
                        break
                    if profondeur > PROFONDEUR_MAX_JSON:
                        raise ErreurAnnuaire(f"{chemin.name} : JSON trop imbriqué (plus de "
                                             f"{PROFONDEUR_MAX_JSON} niveaux)")
                    if profondeur == 2 and cles[1] == "pmej" and evenement == "start_array":
                        vu_pmej = True
                elif evenement in ("end_map", "end_array"):
                    profondeur -= 1
                elif evenement == "string" and profondeur <= 2:
                    if profondeur == 1 and cles[1] == "generatedAt":
                        genere = valeur
                    elif profondeur == 1 and cles[1] == "schemaVersion":
                        version = valeur
                    elif profondeur == 2 and cles[1] == "metadata" and cles[2] == "generatedAt":
                        genere = valeur  # variante du schéma (metadata) vue dans le dépôt
        if not vu_pmej:
            raise ErreurAnnuaire(f"{chemin.name} : ce n'est pas un flux « Structures » FINESS "
                                 "(pas de liste « pmej »)")
        date = (genere or "")[:10] if isinstance(genere, str) else ""
        with chemin.open("rb") as f:
            for pm in ijson.items(f, "pmej.item"):
                if not isinstance(pm, dict):
                    bilan.lues += 1
                    bilan.rejeter("pmej", "une entité juridique doit être un objet")
                    continue
                for ou, ege in _eges(pm, bilan):
                    _retenir(ou, ege, date or "9999-12-31", bilan, structures)
    except (ijson.JSONError, ijson.IncompleteJSONError, UnicodeDecodeError) as e:
        raise ErreurAnnuaire(f"{chemin.name} : JSON invalide ({str(e)[:120]})") from None
    bilan.source = (f"FINESS, flux Structures du {_date_fr(date)} (ministère de la Santé, "
                    f"data.gouv.fr), {LICENCE}" if date else
                    f"FINESS, flux Structures (data.gouv.fr), {LICENCE}")
    if isinstance(version, str) and version:
        bilan.source = bilan.source.replace("flux Structures", f"flux Structures {version}", 1)
    for x in structures:
        x.source = bilan.source
    return structures, bilan


def _retenir(ou: str, ege: Any, reference: str, bilan: BilanFichier,
             structures: list[Structure]) -> None:
    """Un établissement du flux : retenu s'il est actif, compté fermé sinon, ou rejeté."""
    bilan.lues += 1
    if not isinstance(ege, dict):
        bilan.rejeter(ou, "un établissement doit être un objet")
        return
    info = ege.get("informationsGeneralesEGE")
    numero = info.get("numFinessEge") if isinstance(info, dict) else None
    ou_n = f"{ou} (FINESS {str(numero)[:12]})" if numero else ou
    fermeture = info.get("dateFermeture") if isinstance(info, dict) else None
    if ege.get("etatObjet") != "A" or (isinstance(fermeture, str) and fermeture
                                        and fermeture[:10] <= reference):
        bilan.fermees += 1
        if isinstance(numero, str):
            bilan.fermes_finess.add(numero.upper())
        return
    try:
        s = _ege_en_structure(ege, "")
    except (ValueError, AttributeError, TypeError) as e:
        bilan.rejeter(ou_n, str(e) if isinstance(e, ValueError) else "structure inattendue")
        return
    if s.latitude is None:
        bilan.sans_coordonnees += 1
    structures.append(s)
    bilan.retenues += 1


def _eges(pm: Any, bilan: BilanFichier) -> list[tuple[str, Any]]:
    """Les établissements (EGE) d'une entité juridique, avec leur place dans le fichier."""
    numero_pm = ""
    if isinstance(pm.get("informationsGeneralesPMEJ"), dict):
        numero_pm = str(pm["informationsGeneralesPMEJ"].get("numFinessPm", ""))[:12]
    eges = pm.get("ege") or []
    if not isinstance(eges, list):
        bilan.lues += 1
        bilan.rejeter(f"entité juridique {numero_pm}", "« ege » doit être une liste")
        return []
    return [(f"entité juridique {numero_pm}, établissement {i}", ege)
            for i, ege in enumerate(eges, 1)]


def _date_fr(date: str) -> str:
    if re.match(r"^\d{4}-\d{2}-\d{2}$", date):
        return f"{date[8:10]}/{date[5:7]}/{date[:4]}"
    return date


# --- Extraction CSV etalab-cs1100507 ----------------------------------------------------------


def _lignes_texte(chemin: Path) -> Iterator[str]:
    """Les lignes du fichier, en UTF-8 si tout le fichier l'est, sinon en Windows-1252."""
    try:
        with chemin.open(encoding="utf-8-sig", newline="") as f:
            for _ in f:
                pass
        encodage = "utf-8-sig"
    except UnicodeDecodeError:
        encodage = "cp1252"
    with chemin.open(encoding=encodage, errors="replace", newline="") as f:
        yield from f


def _vers_wgs84(cache: dict[int, Any], epsg: int, x: float, y: float) -> tuple[float, float]:
    from pyproj import Transformer

    t = cache.get(epsg)
    if t is None:
        t = cache[epsg] = Transformer.from_crs(f"EPSG:{epsg}", "EPSG:4326", always_xy=True)
    lon, lat = t.transform(x, y)
    return lat, lon


def _projection(champs: list[str]) -> int | None:
    texte = ";".join(champs)
    m = re.search(r"EPSG:(\d{4,5})", texte)
    if m:
        return int(m.group(1))
    for nom, epsg in _PROJECTIONS.items():
        if nom in texte.upper():
            return epsg
    return None


def est_extraction_csv(chemin: Path) -> bool:
    with chemin.open("rb") as f:
        debut = f.read(64).lstrip(b"\xef\xbb\xbf")
    return debut.startswith((b"finess;etalab", b"structureet;", b"geolocalisation;"))


def lire_extraction_csv(chemin: Path) -> tuple[list[Structure], BilanFichier]:
    """L'extraction etalab-cs1100507 (ou cs1100502, sans coordonnées) : ``;``, sans en-tête,
    une ligne de métadonnées, des lignes ``structureet`` puis ``geolocalisation``."""
    bilan = BilanFichier(chemin.name, "finess_csv")
    if chemin.stat().st_size > TAILLE_MAX_FLUX:
        raise ErreurAnnuaire(f"{chemin.name} : fichier trop gros ({chemin.stat().st_size} "
                             "octets)")
    par_numero: dict[str, Structure] = {}
    positions: dict[str, tuple[float, float]] = {}
    date = ""
    cache: dict[int, Any] = {}
    lecteur = csv.reader(_lignes_texte(chemin), delimiter=";")
    n = 0
    try:
        for n, champs in enumerate(lecteur, 1):
            if not champs or not any(champs):
                continue
            section = champs[0].strip().lower()
            if n == 1 and section == "finess":
                if len(champs) >= 4 and re.match(r"^\d{4}-\d{2}-\d{2}$", champs[3].strip()):
                    date = champs[3].strip()
                continue
            if section == "structureet":
                bilan.lues += 1
                try:
                    s = _ligne_structureet(champs)
                except ValueError as e:
                    bilan.rejeter(f"ligne {n}", str(e))
                    continue
                if s.finess in par_numero:
                    bilan.rejeter(f"ligne {n}", f"numéro FINESS {s.finess} en double")
                    continue
                par_numero[s.finess] = s
            elif section == "geolocalisation":
                if len(champs) < 5:
                    bilan.rejeter(f"ligne {n}", "ligne geolocalisation incomplète")
                    continue
                numero = champs[1].strip()
                epsg = _projection(champs[4:])
                try:
                    x = float(champs[2].replace(",", "."))
                    y = float(champs[3].replace(",", "."))
                except ValueError:
                    continue  # coordonnées illisibles : l'établissement reste, sans position
                if epsg is None or not (abs(x) < 1e8 and abs(y) < 1e8):
                    continue
                try:
                    positions[numero] = _vers_wgs84(cache, epsg, x, y)
                except Exception:  # noqa: BLE001 — projection inconnue de PROJ : sans position
                    continue
            else:
                bilan.rejeter(f"ligne {n}", f"section « {champs[0][:30]} » inconnue "
                                            "(structureet ou geolocalisation attendue)")
    except csv.Error as e:
        raise ErreurAnnuaire(f"{chemin.name}, ligne {n + 1} : CSV illisible ({e})") from None
    bilan.source = (f"FINESS, extraction etalab-cs1100507 du {_date_fr(date)} (data.gouv.fr), "
                    f"{LICENCE}" if date else
                    f"FINESS, extraction etalab-cs1100507 (data.gouv.fr), {LICENCE}")
    structures = []
    for numero, s in par_numero.items():
        s.source = bilan.source
        pos = positions.get(numero)
        if pos and -90 <= pos[0] <= 90 and -180 <= pos[1] <= 180:
            s.latitude, s.longitude = pos
        else:
            bilan.sans_coordonnees += 1
        structures.append(s)
        bilan.retenues += 1
    return structures, bilan


def _ligne_structureet(c: list[str]) -> Structure:
    if len(c) < 31:
        raise ValueError(f"{len(c)} champs au lieu de 31 ou 32 (ligne structureet)")
    c = [x.strip() for x in c]
    numero = c[1]
    if not _FINESS.match(numero):
        raise ValueError(f"nofinesset : « {numero[:12]} » n'est pas un numéro FINESS")
    nom = _texte(c[4], "rslongue") or _texte(c[3], "rs")
    if not nom:
        raise ValueError("rs et rslongue vides")
    categorie = c[18]
    if not _CATEGORIE.match(categorie):
        raise ValueError(f"categetab : « {categorie[:10]} » n'est pas un code à trois chiffres")
    dep, com = c[13].upper(), c[12]
    commune = departement = None
    if re.match(r"^[0-9]{3}$", com) and re.match(r"^(?:[0-9]{2}|2[AB])$", dep):
        commune, departement = dep + com, dep
    elif dep in _OUTRE_MER_CSV:
        departement = _OUTRE_MER_CSV[dep]
        if re.match(r"^[0-9]{3}$", com) and com[0] == departement[2]:
            commune = departement + com[1:]
    acheminement = _texte(c[15], "ligneacheminement") or ""
    m = re.match(r"^([0-9]{5})\s+(.*)$", acheminement)
    code_postal, ville = (m.group(1), m.group(2)) if m else (None, acheminement or None)
    rue = " ".join(x for x in (_texte(c[7], "numvoie"), _texte(c[8], "typvoie"),
                               _texte(c[9], "voie"), _texte(c[10], "compvoie")) if x)
    adresse = ", ".join(x for x in (rue, _texte(c[11], "lieuditbp"), acheminement) if x) or None
    return Structure(
        origine="finess", nom=nom, source="", finess=numero, categorie=categorie,
        adresse=adresse, code_postal=code_postal, commune=commune, nom_commune=ville,
        departement=departement, telephone=_telephone(c[16]), date_maj=c[30][:10])


# --- Annuaire territorial (CSV ou YAML) -------------------------------------------------------

COLONNES_TERRITOIRE = {
    "acteurs": "identifiant(s) du catalogue (acteur ou fonction d'appui), séparés par des "
               "espaces, virgules ou barres : dac_reponse_globale dac_personne_aidant",
    "nom": "nom de la structure (obligatoire)",
    "adresse": "adresse postale sur une ligne",
    "code_postal": "code postal de l'adresse",
    "ville": "commune de l'adresse, en toutes lettres",
    "commune": "code commune INSEE de l'adresse (ex. 01004)",
    "telephone": "numéro à appeler",
    "courriel": "adresse électronique",
    "finess": "numéro FINESS de l'établissement : ses champs remplis remplacent ceux de FINESS",
    "communes_desservies": "codes INSEE des communes desservies (liste)",
    "departements_desservis": "codes des départements desservis (liste, ex. 01)",
    "latitude": "latitude WGS84 (degrés décimaux)",
    "longitude": "longitude WGS84 (degrés décimaux)",
    "source": "qui tient cette ligne (par défaut : le nom du fichier)",
}
_ALIAS_COLONNES = {"acteur": "acteurs", "telephone": "telephone", "téléphone": "telephone",
                   "e-mail": "courriel", "email": "courriel", "mail": "courriel"}


def _liste(valeur: Any, champ: str) -> list[str]:
    if valeur is None:
        return []
    if isinstance(valeur, list):
        elements = []
        for v in valeur:
            if isinstance(v, bool) or not isinstance(v, str | int):
                raise ValueError(f"{champ} : liste de codes attendue")
            elements.append(str(v))
        return [e.strip() for e in elements if e.strip()]
    if isinstance(valeur, bool) or not isinstance(valeur, str | int):
        raise ValueError(f"{champ} : liste de codes attendue")
    texte = str(valeur)
    if len(texte) > 20_000:
        raise ValueError(f"{champ} : liste trop longue")
    return [x for x in _SEPARATEURS_LISTE.split(texte) if x]


def _structure_territoire(brut: dict[str, Any], identifiants: set[str],
                          source_fichier: str) -> Structure:
    acteurs = _liste(brut.get("acteurs"), "acteurs")
    if not acteurs:
        raise ValueError("acteurs : au moins un identifiant du catalogue (ex. "
                         "dac_reponse_globale, ccas)")
    for a in acteurs:
        if a not in identifiants:
            from difflib import get_close_matches

            proche = get_close_matches(a, sorted(identifiants), n=1)
            aide = f" ; vouliez-vous dire « {proche[0]} » ?" if proche else ""
            raise ValueError(f"acteurs : « {a[:60]} » n'est ni un acteur ni une fonction "
                             f"d'appui du catalogue{aide}")
    nom = _texte(brut.get("nom"), "nom")
    if not nom:
        raise ValueError("nom : obligatoire")
    commune = _texte(brut.get("commune"), "commune")
    if commune is not None:
        commune = commune.upper().zfill(5) if commune.isdigit() else commune.upper()
        if not _INSEE.match(commune):
            raise ValueError(f"commune : « {commune[:20]} » n'est pas un code commune INSEE "
                             "(5 caractères, ex. 01004)")
    code_postal = _texte(brut.get("code_postal"), "code_postal")
    if code_postal is not None:
        code_postal = code_postal.zfill(5) if code_postal.isdigit() else code_postal
        if not _CODE_POSTAL.match(code_postal):
            raise ValueError(f"code_postal : « {code_postal[:20]} » n'est pas un code postal")
    communes = []
    for c in _liste(brut.get("communes_desservies"), "communes_desservies"):
        c = c.upper().zfill(5) if c.isdigit() else c.upper()
        if not _INSEE.match(c):
            raise ValueError(f"communes_desservies : « {c[:20]} » n'est pas un code commune "
                             "INSEE")
        communes.append(c)
    departements = []
    for d in _liste(brut.get("departements_desservis"), "departements_desservis"):
        d = d.upper().zfill(2) if d.isdigit() else d.upper()
        if not _DEPARTEMENT.match(d):
            raise ValueError(f"departements_desservis : « {d[:20]} » n'est pas un code de "
                             "département (01, 2A, 974…)")
        departements.append(d)
    lat = _coordonnee(brut.get("latitude"), "latitude", 90)
    lon = _coordonnee(brut.get("longitude"), "longitude", 180)
    if (lat is None) != (lon is None):
        raise ValueError("latitude et longitude : les deux ou aucune")
    finess = _texte(brut.get("finess"), "finess")
    if finess is not None:
        finess = finess.upper().zfill(9) if finess.isdigit() else finess.upper()
        if not _FINESS.match(finess):
            raise ValueError(f"finess : « {finess[:12]} » n'est pas un numéro FINESS "
                             "(9 caractères)")
    if not (communes or departements or commune or lat is not None or finess):
        raise ValueError("où intervient-elle ? renseigner communes_desservies, "
                         "departements_desservis, commune, latitude/longitude ou finess")
    source = _texte(brut.get("source"), "source") or source_fichier
    ville = _texte(brut.get("ville"), "ville")
    adresse = _texte(brut.get("adresse"), "adresse")
    fin = " ".join(x for x in (code_postal, ville) if x)
    if adresse and fin and fin not in adresse:
        adresse = f"{adresse}, {fin}"
    return Structure(
        origine="territoire", nom=nom, source=source, finess=finess,
        adresse=adresse, code_postal=code_postal, nom_commune=ville,
        commune=commune, departement=departement_de(commune) if commune else None,
        telephone=_telephone(brut.get("telephone")), courriel=_courriel(brut.get("courriel")),
        latitude=lat, longitude=lon, acteurs=tuple(dict.fromkeys(acteurs)),
        communes_desservies=tuple(dict.fromkeys(communes)),
        departements_desservis=tuple(dict.fromkeys(departements)))


def _cle_colonne(nom: str) -> str:
    import unicodedata

    nom = nom.strip().lstrip("\ufeff").lower()
    nom = _ALIAS_COLONNES.get(nom, nom)
    sans_accent = "".join(c for c in unicodedata.normalize("NFD", nom)
                          if unicodedata.category(c) != "Mn")
    sans_accent = re.sub(r"[\s\-]+", "_", sans_accent)
    return _ALIAS_COLONNES.get(sans_accent, sans_accent)


def lire_territoire(chemin: Path, identifiants: set[str]) -> tuple[list[Structure],
                                                                    BilanFichier]:
    """L'annuaire territorial, en CSV (en-tête, séparateur , ou ; détecté) ou en YAML
    (``source`` facultatif, ``structures`` : liste d'objets aux mêmes clés)."""
    bilan = BilanFichier(chemin.name, "territoire")
    taille = chemin.stat().st_size
    if taille > TAILLE_MAX_TERRITOIRE:
        raise ErreurAnnuaire(f"{chemin.name} : fichier trop gros pour un annuaire territorial "
                             f"({taille} octets, {TAILLE_MAX_TERRITOIRE} au plus)")
    source_fichier = f"Annuaire territorial ({chemin.name})"
    lignes: list[tuple[str, dict[str, Any] | str]] = []
    if chemin.suffix.lower() in (".yaml", ".yml"):
        lignes, source_fichier = _lignes_yaml(chemin, source_fichier)
    else:
        lignes = _lignes_csv(chemin)
    if len(lignes) > NB_MAX_STRUCTURES_TERRITOIRE:
        raise ErreurAnnuaire(f"{chemin.name} : {len(lignes)} structures, "
                             f"{NB_MAX_STRUCTURES_TERRITOIRE} au plus")
    bilan.source = source_fichier
    structures = []
    for ou, brut in lignes:
        bilan.lues += 1
        if isinstance(brut, str):
            bilan.rejeter(ou, brut)
            continue
        try:
            s = _structure_territoire(brut, identifiants, source_fichier)
        except ValueError as e:
            bilan.rejeter(ou, str(e))
            continue
        structures.append(s)
        bilan.retenues += 1
    return structures, bilan


def _lignes_csv(chemin: Path) -> list[tuple[str, dict[str, Any] | str]]:
    """(où, champs) par ligne, ou (où, message) pour une ligne qu'on ne peut pas lire."""
    donnees = chemin.read_bytes()
    try:
        texte = donnees.decode("utf-8-sig")
    except UnicodeDecodeError:
        texte = donnees.decode("cp1252", errors="replace")
    premiere = texte.split("\n", 1)[0]
    separateur = ";" if premiere.count(";") > premiere.count(",") else ","
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur)
    try:
        entete = next(lecteur, None)
        if not entete:
            raise ErreurAnnuaire(f"{chemin.name} : fichier vide (en-tête attendu : "
                                 + ", ".join(COLONNES_TERRITOIRE) + ")")
        colonnes = [_cle_colonne(c) for c in entete]
        inconnues = [entete[i] for i, c in enumerate(colonnes) if c not in COLONNES_TERRITOIRE]
        if inconnues:
            raise ErreurAnnuaire(
                f"{chemin.name}, ligne 1 : colonne(s) inconnue(s) : "
                + ", ".join(f"« {c[:40]} »" for c in inconnues[:5])
                + " ; colonnes permises : " + ", ".join(COLONNES_TERRITOIRE))
        doubles = {c for c in colonnes if colonnes.count(c) > 1}
        if doubles:
            raise ErreurAnnuaire(f"{chemin.name}, ligne 1 : colonne(s) en double : "
                                 + ", ".join(sorted(doubles)))
        for requise in ("acteurs", "nom"):
            if requise not in colonnes:
                raise ErreurAnnuaire(f"{chemin.name}, ligne 1 : colonne « {requise} » "
                                     "obligatoire")
        lignes: list[tuple[str, dict[str, Any] | str]] = []
        for champs in lecteur:
            numero = lecteur.line_num
            if not any(x.strip() for x in champs):
                continue
            if len(champs) > len(colonnes):
                lignes.append((f"ligne {numero}", f"{len(champs)} champs pour {len(colonnes)} "
                                                  "colonnes (séparateur dans une valeur ?)"))
                continue
            lignes.append((f"ligne {numero}", dict(zip(colonnes, champs, strict=False))))
            if len(lignes) > NB_MAX_STRUCTURES_TERRITOIRE:
                break
    except csv.Error as e:
        raise ErreurAnnuaire(f"{chemin.name}, ligne {lecteur.line_num} : CSV illisible "
                             f"({e})") from None
    return lignes


def _lignes_yaml(chemin: Path, source_defaut: str
                 ) -> tuple[list[tuple[str, dict[str, Any] | str]], str]:
    from orientation.referentiel import ErreurReferentiel
    from orientation.referentiel.lecture_yaml import lire_yaml as _lire_yaml

    try:
        brut = _lire_yaml(chemin)
    except ErreurReferentiel as e:
        raise ErreurAnnuaire("; ".join(e.erreurs)) from None
    except RecursionError:
        raise ErreurAnnuaire(f"{chemin.name} : YAML trop imbriqué") from None
    if not isinstance(brut, dict) or not isinstance(brut.get("structures"), list):
        raise ErreurAnnuaire(f"{chemin.name} : un annuaire territorial YAML a une liste "
                             "« structures » (et une « source » facultative)")
    for cle in brut:
        if cle not in ("source", "structures"):
            raise ErreurAnnuaire(f"{chemin.name}, ligne {getattr(brut, 'ligne', 1)} : clé "
                                 f"« {str(cle)[:40]} » inconnue (permises : source, structures)")
    source = brut.get("source")
    if source is not None:
        try:
            source = _texte(source, "source")
        except ValueError as e:
            raise ErreurAnnuaire(f"{chemin.name} : {e}") from None
    lignes: list[tuple[str, dict[str, Any] | str]] = []
    for i, s in enumerate(brut["structures"], 1):
        ligne = getattr(s, "ligne", None)
        ou = f"ligne {ligne}" if ligne else f"structure {i}"
        if not isinstance(s, dict):
            lignes.append((ou, "une structure doit être un dictionnaire (nom, acteurs, …)"))
            continue
        inconnues = [str(k)[:40] for k in s if k not in COLONNES_TERRITOIRE]
        if inconnues:
            raise ErreurAnnuaire(f"{chemin.name}, {ou} : clé(s) inconnue(s) : "
                                 + ", ".join(f"« {k} »" for k in inconnues)
                                 + " ; clés permises : " + ", ".join(COLONNES_TERRITOIRE))
        lignes.append((ou, dict(s)))
    return lignes, source or source_defaut
