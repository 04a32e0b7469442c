"""Qui appeler près du patient : pour chaque acteur et fonction d'appui proposés, les
structures les plus proches, tirées de l'index local de l'annuaire.

Le repérage (``screen``) ne fait aucune entrée-sortie ; ``enrichir`` prend son résultat, un
lieu et un annuaire, et rend une copie de l'``Orientation`` où chaque acteur et chaque appui
a ses ``contacts``.

Ordre (déterministe), jusqu'à ``contacts_max`` structures (rules/annuaire.yaml) :

1. l'annuaire territorial d'abord (il l'emporte sur FINESS) : les structures qui déclarent
   desservir la commune, puis le département ;
2. puis, si la commune a un centre connu, les structures géolocalisées à moins de
   ``distance_max_km``, de la plus proche à la plus lointaine ;
3. puis les structures sans position de la même commune, puis du même département.

À égalité : l'annuaire territorial avant FINESS, puis le nom, puis le numéro. Une structure
de l'annuaire territorial qui porte un numéro FINESS remplace la fiche FINESS de ce numéro
(ses champs remplis l'emportent, les autres viennent de FINESS).

Le centre d'une commune est la moyenne des positions des structures de l'annuaire qui s'y
trouvent (approximation : l'annuaire ne contient pas de référentiel des communes) ; les
distances sont à vol d'oiseau.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

from orientation.annuaire.correspondance import ReglesAnnuaire, regles_annuaire_par_defaut
from orientation.annuaire.index import Annuaire
from orientation.annuaire.lecture import Structure, departement_de
from orientation.resultat import Contact, LieuContacts, Orientation

_INSEE = re.compile(r"^(?:[0-9]{2}|2[AB])[0-9]{3}$")
_RAYON_TERRE_KM = 6371.0088


class ErreurLieu(ValueError):
    """Un lieu qui n'est ni un code commune INSEE ni un code postal ; message en français."""


@dataclass(frozen=True)
class Lieu:
    saisi: str
    communes: tuple[str, ...]  # codes INSEE retenus (plusieurs pour un code postal partagé)
    nom: str | None
    departement: str | None
    latitude: float | None
    longitude: float | None
    connu: bool  # la commune figure dans l'annuaire

    @property
    def centre(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return self.latitude, self.longitude


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance à vol d'oiseau (haversine) entre deux positions WGS84."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * _RAYON_TERRE_KM * math.asin(min(1.0, math.sqrt(h)))


def resoudre_lieu(annuaire: Annuaire, code: str) -> Lieu:
    """Un code commune INSEE (01004, 2A004) ou un code postal (01500) → le lieu.

    D'abord le code INSEE connu de l'annuaire, puis le code postal connu (toutes ses
    communes), sinon un code INSEE que l'annuaire ne connaît pas (seul son département
    sert) ; ``ErreurLieu`` pour tout le reste."""
    saisi = (code or "").strip().upper()
    if not re.match(r"^[0-9A-Z]{5}$", saisi):
        raise ErreurLieu(f"commune : « {saisi[:20]} » n'est ni un code commune INSEE "
                         "(5 caractères, ex. 01004, 2A004) ni un code postal (5 chiffres)")
    ligne = annuaire.requete("SELECT * FROM communes WHERE insee = ?", (saisi,))
    if ligne:
        c = ligne[0]
        return Lieu(saisi, (saisi,), c["nom"], c["departement"], c["latitude"],
                    c["longitude"], True)
    lignes = annuaire.requete(
        "SELECT c.* FROM codes_postaux p JOIN communes c ON c.insee = p.insee "
        "WHERE p.code_postal = ? ORDER BY c.insee", (saisi,))
    if lignes:
        avec_centre = [r for r in lignes if r["latitude"] is not None]
        poids = sum(r["nb_positions"] for r in avec_centre)
        lat = lon = None
        if poids:
            lat = sum(r["latitude"] * r["nb_positions"] for r in avec_centre) / poids
            lon = sum(r["longitude"] * r["nb_positions"] for r in avec_centre) / poids
        departements = sorted({r["departement"] for r in lignes})
        return Lieu(saisi, tuple(r["insee"] for r in lignes), lignes[0]["nom"],
                    departements[0] if len(departements) == 1 else None, lat, lon, True)
    if _INSEE.match(saisi):
        return Lieu(saisi, (saisi,), None, departement_de(saisi), None, None, False)
    raise ErreurLieu(f"commune : « {saisi} » n'est ni un code commune INSEE connu ni un code "
                     "postal connu de l'annuaire")


def _fusion(finess: Structure, territoire: Structure) -> Structure:
    """La fiche FINESS corrigée par l'annuaire territorial (ses champs remplis l'emportent)."""
    champs = {}
    for nom in ("nom", "adresse", "code_postal", "commune", "nom_commune", "departement",
                "telephone", "courriel", "latitude", "longitude"):
        valeur = getattr(territoire, nom)
        champs[nom] = valeur if valeur not in (None, "") else getattr(finess, nom)
    if territoire.latitude is None:  # une position va par paire
        champs["latitude"], champs["longitude"] = finess.latitude, finess.longitude
    return replace(territoire, **champs, categorie=finess.categorie,
                   source=f"{territoire.source} ; {finess.source}")


class Recherche:
    """Les recherches d'un lieu dans un annuaire, avec les règles de l'annuaire."""

    def __init__(self, annuaire: Annuaire, lieu: Lieu, regles: ReglesAnnuaire):
        self.annuaire, self.lieu, self.regles = annuaire, lieu, regles

    def _territoire_par_finess(self, numeros: set[str]) -> dict[str, Structure]:
        if not numeros:
            return {}
        marques = ",".join("?" * len(numeros))
        lignes = self.annuaire.requete(
            f"SELECT * FROM structures WHERE origine = 'territoire' AND finess IN ({marques}) "
            "ORDER BY id", sorted(numeros))
        resultat: dict[str, Structure] = {}
        for ligne in lignes:
            resultat.setdefault(ligne["finess"], self.annuaire.structure(ligne))
        return resultat

    def candidates(self, identifiant: str) -> list[Structure]:
        lieu, a = self.lieu, self.annuaire
        vues: dict[int, Structure] = {}
        for ligne in a.requete(
                "SELECT s.* FROM structures s JOIN acteurs x ON x.structure = s.id "
                "WHERE s.origine = 'territoire' AND x.acteur = ? ORDER BY s.id", (identifiant,)):
            vues[ligne["id"]] = a.structure(ligne)
        categories = self.regles.categories(identifiant)
        if categories:
            # Une requête par critère, chacune servie par un index (categorie, …), réunies :
            # même département, mêmes communes, et la zone autour du centre de la commune.
            cats = ",".join("?" * len(categories))
            requetes, parametres = [], []
            if lieu.departement:
                requetes.append(f"SELECT * FROM structures WHERE origine = 'finess' AND "
                                f"categorie IN ({cats}) AND departement = ?")
                parametres += [*categories, lieu.departement]
            if lieu.communes:
                requetes.append(f"SELECT * FROM structures WHERE origine = 'finess' AND "
                                f"categorie IN ({cats}) AND commune IN "
                                f"({','.join('?' * len(lieu.communes))})")
                parametres += [*categories, *lieu.communes]
            if lieu.centre:
                lat, lon = lieu.centre
                dlat = self.regles.distance_max_km / 111.0
                dlon = dlat / max(0.01, math.cos(math.radians(lat)))
                requetes.append(f"SELECT * FROM structures WHERE origine = 'finess' AND "
                                f"categorie IN ({cats}) AND latitude BETWEEN ? AND ? "
                                "AND longitude BETWEEN ? AND ?")
                parametres += [*categories, lat - dlat, lat + dlat, lon - dlon, lon + dlon]
            if requetes:
                lignes = a.requete(" UNION ".join(requetes) + " ORDER BY id", parametres)
                finess = [a.structure(r, sans_liens=True) for r in lignes]
                corrections = self._territoire_par_finess({s.finess for s in finess
                                                           if s.finess})
                deja = {s.finess for s in vues.values() if s.finess}
                for ligne, s in zip(lignes, finess, strict=True):
                    if s.finess in deja:
                        continue  # déjà proposée par l'annuaire territorial pour cet acteur
                    t = corrections.get(s.finess)
                    vues[-ligne["id"]] = _fusion(s, t) if t else s
        # Une structure territoriale qui porte un numéro FINESS reprend les champs manquants
        # de sa fiche FINESS (adresse, position…).
        numeros = {s.finess for s in vues.values() if s.origine == "territoire" and s.finess}
        if numeros:
            marques = ",".join("?" * len(numeros))
            fiches = {r["finess"]: a.structure(r, sans_liens=True) for r in a.requete(
                f"SELECT * FROM structures WHERE origine = 'finess' AND finess IN ({marques})",
                sorted(numeros))}
            for cle, s in list(vues.items()):
                if s.origine == "territoire" and s.finess in fiches and cle > 0:
                    vues[cle] = _fusion(fiches[s.finess], s)
        return list(vues.values())

    def _rang(self, s: Structure) -> tuple | None:
        """(palier, distance, territoire d'abord, nom, numéro), ou None : hors du lieu."""
        lieu = self.lieu
        d = None
        if lieu.centre and s.latitude is not None and s.longitude is not None:
            d = distance_km(lieu.centre, (s.latitude, s.longitude))
        origine = 0 if s.origine == "territoire" else 1
        fin = (s.nom, s.finess or "")
        if s.communes_desservies or s.departements_desservis:
            if set(lieu.communes) & set(s.communes_desservies):
                return (0, d if d is not None else 0.0, origine, *fin), d
            if lieu.departement and lieu.departement in s.departements_desservis:
                return (1, d if d is not None else 0.0, origine, *fin), d
            return None
        if d is not None:
            return ((2, d, origine, *fin), d) if d <= self.regles.distance_max_km else None
        if s.commune and s.commune in lieu.communes:
            return (3, 0.0, origine, *fin), None
        if lieu.departement and s.departement == lieu.departement:
            return (4, 0.0, origine, *fin), None
        return None

    def contacts(self, identifiant: str, nombre: int | None = None) -> list[Contact]:
        classes = []
        for s in self.candidates(identifiant):
            r = self._rang(s)
            if r is not None:
                classes.append((r[0], r[1], s))
        classes.sort(key=lambda x: x[0])
        n = self.regles.contacts_max if nombre is None else nombre
        return [Contact(nom=s.nom, adresse=s.adresse, telephone=s.telephone,
                        courriel=s.courriel, finess=s.finess,
                        distance_km=round(d, 1) if d is not None else None, source=s.source)
                for _, d, s in classes[:n]]

    def description(self) -> LieuContacts:
        sources = list(dict.fromkeys(s.source for s in self.annuaire.sources()))
        return LieuContacts(saisi=self.lieu.saisi,
                            commune=self.lieu.communes[0] if self.lieu.connu else None,
                            nom=self.lieu.nom, departement=self.lieu.departement,
                            distances=self.lieu.centre is not None, annuaire=sources)


def enrichir(orientation: Orientation, commune: str | None,
             annuaire: Annuaire | Path | str | None,
             regles: ReglesAnnuaire | None = None) -> Orientation:
    """L'orientation avec les contacts de chaque acteur et fonction d'appui proposés.

    - ``commune`` : code commune INSEE (« 01004 ») ou code postal (« 01500 ») ;
    - ``annuaire`` : un ``Annuaire`` ouvert, ou le dossier de l'index (ouvert et refermé ici :
      c'est la forme à employer depuis plusieurs fils) ;
    - ``regles`` : celles du référentiel en usage par défaut (rules/annuaire.yaml, chargé
      une fois par processus).

    Sans lieu ou sans annuaire, l'orientation est rendue telle quelle. Lève ``ErreurLieu``
    (code illisible) ou ``ErreurAnnuaire`` (index absent ou illisible), messages en
    français. Ne lit que l'index ; n'écrit rien."""
    if not commune or annuaire is None:
        return orientation
    if not isinstance(annuaire, Annuaire):
        with Annuaire(annuaire) as ouvert:
            return enrichir(orientation, commune, ouvert, regles)
    regles = regles or regles_annuaire_par_defaut()
    recherche = Recherche(annuaire, resoudre_lieu(annuaire, commune), regles)
    clusters = [
        c.model_copy(update={"acteurs": [
            a.model_copy(update={"contacts": recherche.contacts(a.id)}) for a in c.acteurs]})
        for c in orientation.clusters]
    appuis = [a.model_copy(update={"contacts": recherche.contacts(a.id)})
              for a in orientation.appuis]
    return orientation.model_copy(update={"clusters": clusters, "appuis": appuis,
                                          "lieu": recherche.description()})
