"""Chargement et validation du référentiel de règles (``rules/``).

Le référentiel est fait de données en français, écrites par des experts du domaine :
- ``catalogue.yaml`` : les identifiants (secteurs, parcours, niveaux, clusters et acteurs,
  fonctions d'appui, alertes) et leurs libellés ;
- ``parametres.yaml`` : les seuils nommés, chacun avec sa valeur, sa date et sa source ;
- tout autre ``*.yaml`` : un thème de règles (``theme``, ``description``, ``regles``).

Le langage des conditions (``si``) :
- ``toutes: [...]``, ``une_de: [...]``, ``aucune: [...]`` ;
- ``au_moins: {nombre: N, parmi: [...]}`` ;
- ``<champ>: <valeur>`` (égalité), ou ``<champ>: {<opérateur>: <valeur>}`` avec les
  opérateurs ``egal``, ``different``, ``au_moins``, ``au_plus``, ``superieur_a``,
  ``inferieur_a``, ``parmi``, ``hors_de``, ``contient``, ``contient_un_de``, ``renseigne`` ;
- ``conclusion.<secteurs|parcours|appuis|alertes|clusters|niveau|pps|urgence>:`` ce que
  d'autres règles ont déjà conclu (chaînage avant) : ``{contient: X}``,
  ``{nombre_au_moins: N}`` ; jamais sous ``aucune`` (une conclusion ne se retire pas).
Une valeur ``$nom`` renvoie au paramètre ``nom``. Les booléens s'écrivent ``oui``/``non``.

Toute erreur nomme le fichier, la ligne et la règle, en français.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any

from orientation.referentiel.emplacement import dossier_regles_par_defaut
from orientation.referentiel.lecture_yaml import lire_yaml
from orientation.referentiel.modele import (
    CONCLUSIONS_LISTES,
    OPERATEURS,
    Aucune,
    AuMoins,
    Catalogue,
    Cluster,
    Comparaison,
    Conclusions,
    Condition,
    ErreurReferentiel,
    Parametre,
    Reference,
    Referentiel,
    Regle,
    SurConclusion,
    Toutes,
    UneDe,
)
from orientation.referentiel.vocabulaire import FICHIER as FICHIER_VOCABULAIRE
from orientation.referentiel.vocabulaire import vocabulaire_de
from orientation.situation.faits import CHAMPS, Champ

_ID_REGLE = re.compile(r"^R-[A-Z0-9]+(-[A-Z0-9]+)*$")
_OUI_NON = {"oui": True, "non": False, True: True, False: False}
FICHIERS_SPECIAUX = ("catalogue.yaml", "parametres.yaml", "vocabulaire.yaml")
# Fichiers de données du référentiel qui ne sont pas des règles, facultatifs (annuaire.yaml :
# catégories FINESS des acteurs, lu par orientation.annuaire).
FICHIERS_ANNEXES = ("annuaire.yaml",)


# --- Validation -----------------------------------------------------------------------------------


class _Contexte:
    """Accumule les erreurs d'un fichier en les situant (fichier, ligne, règle)."""

    def __init__(self, fichier: str):
        self.fichier = fichier
        self.erreurs: list[str] = []
        self.regle: str | None = None

    def erreur(self, ligne: int | None, message: str) -> None:
        ou = self.fichier + (f", ligne {ligne}" if ligne else "")
        qui = f", règle {self.regle}" if self.regle else ""
        self.erreurs.append(f"{ou}{qui} : {message}")


def _ligne(obj: Any, defaut: int | None = None) -> int | None:
    return getattr(obj, "ligne", None) or defaut


def _texte(ctx: _Contexte, obj: dict, cle: str, ligne: int | None, requis: bool = True) -> str:
    valeur = obj.get(cle)
    if valeur is None:
        if requis:
            ctx.erreur(ligne, f"« {cle} » est obligatoire")
        return ""
    if not isinstance(valeur, str) or not valeur.strip():
        ctx.erreur(ligne, f"« {cle} » doit être un texte non vide")
        return ""
    return valeur.strip()


def _cles_connues(ctx: _Contexte, obj: dict, permises: tuple[str, ...], ou: str) -> None:
    for cle in obj:
        if cle not in permises:
            ctx.erreur(_ligne(obj), f"clé inconnue « {cle} » dans {ou} (clés permises : "
                                    f"{', '.join(permises)})")


def _references(ctx: _Contexte, brut: Any, ligne: int | None) -> tuple[Reference, ...]:
    if not isinstance(brut, list) or not brut:
        ctx.erreur(ligne, "« references » doit être une liste d'au moins une référence "
                          "(titre et lien ou article)")
        return ()
    refs = []
    for ref in brut:
        if not isinstance(ref, dict):
            ctx.erreur(_ligne(brut, ligne), "une référence doit avoir « titre » et « lien » "
                                           "ou « article »")
            continue
        _cles_connues(ctx, ref, ("titre", "lien", "article"), "une référence")
        titre = _texte(ctx, ref, "titre", _ligne(ref))
        lien = ref.get("lien")
        article = ref.get("article")
        if lien is None and article is None:
            ctx.erreur(_ligne(ref), f"la référence « {titre} » n'a ni « lien » ni « article »")
        if lien is not None and not (isinstance(lien, str) and lien.startswith("https://")):
            ctx.erreur(_ligne(ref), f"le lien « {lien} » doit être une adresse https://")
        refs.append(Reference(titre=titre, lien=lien, article=article))
    return tuple(refs)


def _charger_catalogue(chemin: Path) -> Catalogue:
    ctx = _Contexte(chemin.name)
    brut = lire_yaml(chemin)
    if not isinstance(brut, dict):
        raise ErreurReferentiel([f"{chemin.name} : le catalogue doit être un dictionnaire"])
    permises = ("version", "themes", "niveaux", "secteurs", "parcours", "clusters", "appuis",
                "alertes")
    _cles_connues(ctx, brut, permises, "le catalogue")
    for cle in permises:
        if not isinstance(brut.get(cle), dict | str | list):
            ctx.erreur(_ligne(brut), f"« {cle} » est obligatoire")
    if ctx.erreurs:
        raise ErreurReferentiel(ctx.erreurs)
    clusters = {}
    for cid, c in brut["clusters"].items():
        if not isinstance(c, dict) or not isinstance(c.get("acteurs"), dict):
            ctx.erreur(_ligne(brut["clusters"]), f"le cluster « {cid} » doit avoir « libelle » "
                                                 "et « acteurs »")
            continue
        _cles_connues(ctx, c, ("libelle", "acteurs"), f"le cluster « {cid} »")
        clusters[cid] = Cluster(cid, _texte(ctx, c, "libelle", _ligne(c)), dict(c["acteurs"]))
    vus: dict[str, str] = {}
    for c in clusters.values():
        for a in c.acteurs:
            if a in vus:
                ctx.erreur(None, f"l'acteur « {a} » figure dans « {vus[a]} » et « {c.id} »")
            vus[a] = c.id
    if not isinstance(brut["niveaux"], dict) or not brut["niveaux"]:
        ctx.erreur(_ligne(brut), "« niveaux » : au moins un niveau, du plus simple au plus "
                                 "complexe")
    if ctx.erreurs:
        raise ErreurReferentiel(ctx.erreurs)
    return Catalogue(
        version=str(brut["version"]),
        themes=tuple(brut["themes"]),
        niveaux=dict(brut["niveaux"]),
        secteurs=dict(brut["secteurs"]),
        parcours=dict(brut["parcours"]),
        clusters=clusters,
        appuis=dict(brut["appuis"]),
        alertes=dict(brut["alertes"]),
    )


def _charger_parametres(chemin: Path) -> dict[str, Parametre]:
    ctx = _Contexte(chemin.name)
    brut = lire_yaml(chemin) or {}
    if not isinstance(brut, dict):
        raise ErreurReferentiel([f"{chemin.name} : les paramètres doivent être un dictionnaire"])
    parametres = {}
    permises = ("description", "valeur", "unite", "depuis", "references")
    for nom, p in brut.items():
        ctx.regle = None
        if not isinstance(p, dict):
            ctx.erreur(_ligne(brut), f"le paramètre « {nom} » doit être un dictionnaire")
            continue
        ligne = _ligne(p)
        _cles_connues(ctx, p, permises, f"le paramètre « {nom} »")
        valeur = p.get("valeur")
        if isinstance(valeur, bool) or not isinstance(valeur, int | float):
            ctx.erreur(ligne, f"le paramètre « {nom} » doit avoir une « valeur » numérique")
        depuis = p.get("depuis")
        if not isinstance(depuis, dt.date):
            ctx.erreur(ligne, f"le paramètre « {nom} » doit avoir une date « depuis » "
                              "(AAAA-MM-JJ)")
        parametres[nom] = Parametre(
            nom=nom,
            description=_texte(ctx, p, "description", ligne),
            valeur=valeur,
            unite=_texte(ctx, p, "unite", ligne),
            depuis=depuis,
            references=_references(ctx, p.get("references"), ligne),
        )
    if ctx.erreurs:
        raise ErreurReferentiel(ctx.erreurs)
    return parametres


class _Analyseur:
    """Transforme le YAML d'une règle en conditions et conclusions typées."""

    def __init__(self, ctx: _Contexte, catalogue: Catalogue, parametres: dict[str, Parametre]):
        self.ctx = ctx
        self.catalogue = catalogue
        self.parametres = parametres

    # -- conditions --
    def condition(self, brut: Any, ligne: int | None, premier_niveau: bool = True
                  ) -> Condition:
        """``premier_niveau`` : la condition est le « si » ou un terme de son « toutes » ;
        seules celles-là peuvent porter sur des conclusions ou compter (« au_moins »)."""
        ligne = _ligne(brut, ligne)
        if not isinstance(brut, dict) or len(brut) != 1:
            self.ctx.erreur(ligne, "une condition est un dictionnaire à une seule clé : "
                                   "toutes, une_de, aucune, au_moins, un champ ou "
                                   "conclusion.<sorte>")
            return Toutes(())
        ((cle, valeur),) = brut.items()
        if cle in ("toutes", "une_de", "aucune"):
            if not isinstance(valeur, list) or not valeur:
                self.ctx.erreur(ligne, f"« {cle} » attend une liste non vide de conditions")
                return Toutes(())
            permise = premier_niveau and cle == "toutes"
            termes = tuple(self.condition(t, _ligne(valeur, ligne), permise) for t in valeur)
            return {"toutes": Toutes, "une_de": UneDe, "aucune": Aucune}[cle](termes)
        if cle == "au_moins":
            if not premier_niveau:
                self.ctx.erreur(ligne, "« au_moins » ne peut figurer qu'au premier niveau de "
                                       "« si » ou dans son « toutes »")
            return self._au_moins(valeur, ligne)
        if isinstance(cle, str) and cle.startswith("conclusion."):
            if not premier_niveau:
                self.ctx.erreur(ligne, f"« {cle} » ne peut figurer qu'au premier niveau de "
                                       "« si » ou dans son « toutes » (une conclusion ne se "
                                       "retire pas et ne s'alterne pas)")
            return self._sur_conclusion(cle.removeprefix("conclusion."), valeur, ligne)
        return self._comparaison(cle, valeur, ligne)

    def _au_moins(self, valeur: Any, ligne: int | None) -> Condition:
        if not isinstance(valeur, dict) or set(valeur) != {"nombre", "parmi"}:
            self.ctx.erreur(ligne, "« au_moins » attend « nombre » et « parmi »")
            return Toutes(())
        nombre, parmi = self._valeur(valeur["nombre"], ligne)[0], valeur["parmi"]
        if not isinstance(parmi, list) or not parmi:
            self.ctx.erreur(ligne, "« au_moins.parmi » attend une liste non vide de conditions")
            return Toutes(())
        if isinstance(nombre, bool) or not isinstance(nombre, int) or not 1 <= nombre <= len(parmi):
            self.ctx.erreur(ligne, f"« au_moins.nombre » doit être un entier de 1 à {len(parmi)}")
            return Toutes(())
        termes = tuple(self.condition(t, _ligne(parmi, ligne), False) for t in parmi)
        return AuMoins(nombre, termes)

    def _valeur(self, brut: Any, ligne: int | None) -> tuple[Any, str | None]:
        if isinstance(brut, str) and brut.startswith("$"):
            nom = brut[1:]
            if nom not in self.parametres:
                self.ctx.erreur(ligne, f"paramètre inconnu « {nom} » (voir parametres.yaml)")
                return None, nom
            return self.parametres[nom].valeur, nom
        return brut, None

    def _valeur_simple(self, champ: Champ, v: Any, ligne: int | None) -> Any:
        """Vérifie qu'une valeur convient au champ, et la convertit (oui/non → booléen)."""
        if champ.type == "booleen":
            if v not in _OUI_NON or isinstance(v, int | float) and not isinstance(v, bool):
                self.ctx.erreur(ligne, f"« {champ.chemin} » est un booléen : écrire oui ou non, "
                                       f"pas « {v} »")
                return v
            return _OUI_NON[v]
        if champ.type in ("entier", "decimal"):
            if isinstance(v, bool) or not isinstance(v, int | float):
                self.ctx.erreur(ligne, f"« {champ.chemin} » est un nombre, pas « {v} »")
            elif (champ.minimum is not None and v < champ.minimum) or (
                champ.maximum is not None and v > champ.maximum
            ):
                self.ctx.erreur(ligne, f"« {champ.chemin} » va de {champ.minimum} à "
                                       f"{champ.maximum} : la valeur {v} est impossible")
            return v
        if v not in champ.valeurs:
            self.ctx.erreur(ligne, f"valeur inconnue « {v} » pour « {champ.chemin} » "
                                   f"(valeurs permises : {', '.join(champ.valeurs)})")
        return v

    def _comparaison(self, chemin: Any, brut: Any, ligne: int | None) -> Condition:
        champ = CHAMPS.get(chemin) if isinstance(chemin, str) else None
        if champ is None:
            proches = [c for c in CHAMPS if str(chemin).split(".")[-1] in c]
            aide = f" ; vouliez-vous dire : {', '.join(proches)} ?" if proches else ""
            self.ctx.erreur(ligne, f"champ inconnu « {chemin} »{aide}")
            return Toutes(())
        if not isinstance(brut, dict):
            brut = {"egal": brut}
        if len(brut) != 1:
            self.ctx.erreur(ligne, f"« {chemin} » : un seul opérateur par condition")
            return Toutes(())
        ((operateur, operande),) = brut.items()
        if operateur not in OPERATEURS:
            self.ctx.erreur(ligne, f"opérateur inconnu « {operateur} » pour « {chemin} » "
                                   f"(opérateurs : {', '.join(OPERATEURS)})")
            return Toutes(())
        valeur, parametre = self._valeur(operande, ligne)
        permis = {
            "booleen": ("egal", "different", "renseigne"),
            "entier": ("egal", "different", "au_moins", "au_plus", "superieur_a",
                       "inferieur_a", "parmi", "hors_de", "renseigne"),
            "enum": ("egal", "different", "parmi", "hors_de", "renseigne"),
            "liste": ("contient", "contient_un_de"),
        }
        permis["decimal"] = permis["entier"]
        if operateur not in permis[champ.type]:
            self.ctx.erreur(ligne, f"l'opérateur « {operateur} » ne s'applique pas à "
                                   f"« {chemin} » ({champ.type} ; opérateurs possibles : "
                                   f"{', '.join(permis[champ.type])})")
            return Toutes(())
        if operateur == "renseigne":
            if valeur not in _OUI_NON:
                self.ctx.erreur(ligne, "« renseigne » attend oui ou non")
                return Toutes(())
            if not champ.optionnel:
                self.ctx.erreur(ligne, f"« {chemin} » a toujours une valeur : « renseigne » "
                                       "n'a pas de sens")
            return Comparaison(chemin, operateur, _OUI_NON[valeur])
        if operateur in ("parmi", "hors_de", "contient_un_de"):
            if not isinstance(valeur, list) or not valeur:
                self.ctx.erreur(ligne, f"« {operateur} » attend une liste non vide")
                return Toutes(())
            return Comparaison(chemin, operateur,
                               tuple(self._valeur_simple(champ, v, ligne) for v in valeur),
                               parametre)
        if champ.type == "liste":
            if valeur not in champ.valeurs:
                self.ctx.erreur(ligne, f"valeur inconnue « {valeur} » pour « {chemin} » "
                                       f"(valeurs permises : {', '.join(champ.valeurs)})")
            return Comparaison(chemin, operateur, valeur, parametre)
        return Comparaison(chemin, operateur, self._valeur_simple(champ, valeur, ligne), parametre)

    def _sur_conclusion(self, sorte: str, brut: Any, ligne: int | None) -> Condition:
        sortes = (*CONCLUSIONS_LISTES, "niveau", "pps", "urgence")
        if sorte not in sortes:
            self.ctx.erreur(ligne, f"conclusion inconnue « conclusion.{sorte} » (sortes : "
                                   f"{', '.join(sortes)})")
            return Toutes(())
        if sorte in ("pps", "urgence"):
            if brut not in ("oui", True):
                self.ctx.erreur(ligne, f"« conclusion.{sorte} » s'écrit « oui » (une conclusion"
                                       " ne se teste pas par son absence)")
            return SurConclusion(sorte, "egal", True)
        if sorte == "niveau":
            valeur = brut.get("egal") if isinstance(brut, dict) else brut
            if valeur not in self.catalogue.niveaux:
                self.ctx.erreur(ligne, f"niveau inconnu « {valeur} » (niveaux : "
                                       f"{', '.join(self.catalogue.niveaux)})")
            return SurConclusion(sorte, "egal", valeur)
        if not isinstance(brut, dict) or len(brut) != 1:
            self.ctx.erreur(ligne, f"« conclusion.{sorte} » attend « contient » ou "
                                   "« nombre_au_moins »")
            return Toutes(())
        ((operateur, operande),) = brut.items()
        valeur, _ = self._valeur(operande, ligne)
        if operateur == "contient":
            self._identifiant(sorte, valeur, ligne)
        elif operateur == "nombre_au_moins":
            if isinstance(valeur, bool) or not isinstance(valeur, int) or valeur < 1:
                self.ctx.erreur(ligne, "« nombre_au_moins » attend un entier ≥ 1")
        else:
            self.ctx.erreur(ligne, f"opérateur inconnu « {operateur} » pour « conclusion."
                                   f"{sorte} » (contient, nombre_au_moins)")
        return SurConclusion(sorte, operateur, valeur)

    def _identifiant(self, sorte: str, valeur: Any, ligne: int | None) -> None:
        connus = {
            "secteurs": self.catalogue.secteurs,
            "parcours": self.catalogue.parcours,
            "appuis": self.catalogue.appuis,
            "alertes": self.catalogue.alertes,
            "clusters": self.catalogue.clusters,
        }[sorte]
        if valeur not in connus:
            self.ctx.erreur(ligne, f"identifiant inconnu « {valeur} » dans {sorte} "
                                   f"(connus : {', '.join(connus)})")

    # -- conclusions --
    def conclusions(self, brut: Any, ligne: int | None) -> Conclusions:
        ligne = _ligne(brut, ligne)
        if not isinstance(brut, dict) or not brut:
            self.ctx.erreur(ligne, "« alors » doit donner au moins une conclusion")
            return Conclusions()
        permises = ("niveau", "urgence", "pps", *CONCLUSIONS_LISTES)
        _cles_connues(self.ctx, brut, permises, "« alors »")
        niveau = brut.get("niveau")
        if niveau is not None and niveau not in self.catalogue.niveaux:
            self.ctx.erreur(ligne, f"niveau inconnu « {niveau} » (niveaux : "
                                   f"{', '.join(self.catalogue.niveaux)})")
        drapeaux = {}
        for nom in ("urgence", "pps"):
            v = brut.get(nom, "non")
            if v not in _OUI_NON:
                self.ctx.erreur(ligne, f"« {nom} » s'écrit oui ou non")
            drapeaux[nom] = _OUI_NON.get(v, False)
        listes: dict[str, tuple[str, ...]] = {}
        for nom in ("secteurs", "parcours", "appuis", "alertes"):
            valeurs = brut.get(nom, [])
            if not isinstance(valeurs, list):
                self.ctx.erreur(ligne, f"« {nom} » attend une liste d'identifiants")
                valeurs = []
            for v in valeurs:
                self._identifiant(nom, v, _ligne(valeurs, ligne))
            if len(set(valeurs)) != len(valeurs):
                self.ctx.erreur(_ligne(valeurs, ligne), f"« {nom} » contient un doublon")
            listes[nom] = tuple(valeurs)
        clusters = []
        brut_clusters = brut.get("clusters", {})
        if not isinstance(brut_clusters, dict):
            self.ctx.erreur(ligne, "« clusters » attend, pour chaque cluster, la liste de ses "
                                   "acteurs")
            brut_clusters = {}
        for cid, acteurs in brut_clusters.items():
            lc = _ligne(brut_clusters, ligne)
            if cid not in self.catalogue.clusters:
                self.ctx.erreur(lc, f"cluster inconnu « {cid} » (connus : "
                                    f"{', '.join(self.catalogue.clusters)})")
                continue
            acteurs = acteurs or []
            if not isinstance(acteurs, list):
                self.ctx.erreur(lc, f"les acteurs du cluster « {cid} » forment une liste")
                continue
            for a in acteurs:
                if a not in self.catalogue.clusters[cid].acteurs:
                    self.ctx.erreur(_ligne(acteurs, lc), f"acteur inconnu « {a} » dans le "
                                    f"cluster « {cid} » (acteurs connus : "
                                    f"{', '.join(self.catalogue.clusters[cid].acteurs)})")
            clusters.append((cid, tuple(acteurs)))
        return Conclusions(niveau=niveau, clusters=tuple(clusters), **drapeaux, **listes)


def _charger_theme(chemin: Path, analyseur: _Analyseur) -> tuple[str, list[Regle]]:
    ctx = analyseur.ctx
    brut = lire_yaml(chemin)
    if not isinstance(brut, dict):
        ctx.erreur(None, "un fichier de règles est un dictionnaire (theme, description, regles)")
        return "", []
    _cles_connues(ctx, brut, ("theme", "description", "regles"), "le fichier")
    theme = _texte(ctx, brut, "theme", _ligne(brut))
    regles_brutes = brut.get("regles")
    if not isinstance(regles_brutes, list) or not regles_brutes:
        ctx.erreur(_ligne(brut), "« regles » doit être une liste non vide")
        return theme, []
    regles = []
    permises = ("id", "titre", "description", "references", "si", "alors", "note")
    for brut_regle in regles_brutes:
        ctx.regle = None
        if not isinstance(brut_regle, dict):
            ctx.erreur(_ligne(regles_brutes), "chaque règle est un dictionnaire")
            continue
        ligne = _ligne(brut_regle)
        id_regle = brut_regle.get("id")
        ctx.regle = str(id_regle) if id_regle else None
        if not isinstance(id_regle, str) or not _ID_REGLE.match(id_regle):
            ctx.erreur(ligne, f"identifiant de règle invalide « {id_regle} » (forme attendue : "
                              "R-THEME-NOM, majuscules, chiffres et tirets)")
        _cles_connues(ctx, brut_regle, permises, "la règle")
        for requis in ("si", "alors"):
            if requis not in brut_regle:
                ctx.erreur(ligne, f"« {requis} » est obligatoire")
        regles.append(
            Regle(
                id=str(id_regle),
                titre=_texte(ctx, brut_regle, "titre", ligne),
                description=_texte(ctx, brut_regle, "description", ligne),
                references=_references(ctx, brut_regle.get("references"), ligne),
                si=analyseur.condition(brut_regle.get("si", {"toutes": []}), ligne),
                alors=analyseur.conclusions(brut_regle.get("alors"), ligne),
                fichier=chemin.name,
                ligne=ligne or 0,
                theme=theme,
                note=brut_regle.get("note"),
            )
        )
    return theme, regles


def charger_referentiel(dossier: Path | str) -> Referentiel:
    """Charge et valide tout le référentiel ; lève ``ErreurReferentiel`` sinon."""
    dossier = Path(dossier)
    if not dossier.is_dir():
        raise ErreurReferentiel([f"{dossier} : dossier de règles introuvable"])
    for nom in FICHIERS_SPECIAUX:
        if not (dossier / nom).is_file():
            raise ErreurReferentiel([f"{dossier / nom} : fichier obligatoire introuvable"])
    catalogue = _charger_catalogue(dossier / "catalogue.yaml")
    parametres = _charger_parametres(dossier / "parametres.yaml")
    erreurs: list[str] = []
    regles: list[Regle] = []
    themes: dict[str, str] = {}
    presents = ({p.name for p in dossier.glob("*.yaml")} - set(FICHIERS_SPECIAUX)
                - set(FICHIERS_ANNEXES))
    for nom in sorted(presents - set(catalogue.themes)):
        erreurs.append(f"{nom} : fichier de règles absent de la liste « themes » de "
                       "catalogue.yaml (il ne serait pas évalué)")
    for nom in catalogue.themes:
        if nom not in presents:
            erreurs.append(f"catalogue.yaml : le thème « {nom} » n'existe pas dans {dossier}")
    fichiers = [dossier / nom for nom in catalogue.themes if nom in presents]
    if not fichiers:
        erreurs.append(f"{dossier} : aucun fichier de règles")
    for chemin in fichiers:
        ctx = _Contexte(chemin.name)
        try:
            theme, du_fichier = _charger_theme(chemin, _Analyseur(ctx, catalogue, parametres))
        except ErreurReferentiel as e:
            erreurs.extend(e.erreurs)
            continue
        erreurs.extend(ctx.erreurs)
        themes[chemin.name] = theme
        regles.extend(du_fichier)
    premier: dict[str, Regle] = {}
    for r in regles:
        if r.id in premier:
            autre = premier[r.id]
            erreurs.append(f"{r.fichier}, ligne {r.ligne}, règle {r.id} : identifiant en double "
                           f"(déjà défini dans {autre.fichier}, ligne {autre.ligne})")
        else:
            premier[r.id] = r
    erreurs.extend(_verifier_vocabulaire(dossier))
    if erreurs:
        raise ErreurReferentiel(erreurs)
    return Referentiel(dossier=dossier, catalogue=catalogue, parametres=parametres,
                       regles=tuple(regles), themes=themes)


def _verifier_vocabulaire(dossier: Path) -> list[str]:
    """Chaque champ du modèle a un libellé dans vocabulaire.yaml, et chaque libellé un champ
    (un libellé orphelin est souvent un champ mal orthographié)."""
    try:
        vocabulaire = vocabulaire_de(dossier)
    except ErreurReferentiel as e:
        return e.erreurs
    erreurs = [f"{FICHIER_VOCABULAIRE} : le champ « {chemin} » n'a pas de libellé (section "
               "« champs »)" for chemin in CHAMPS if chemin not in vocabulaire.champs]
    erreurs += [f"{FICHIER_VOCABULAIRE}, ligne {vocabulaire.lignes[chemin]} : « {chemin} » n'est "
                "pas un champ de la situation" for chemin in vocabulaire.champs
                if chemin not in CHAMPS]
    return erreurs


@functools.cache
def _referentiel(dossier: str) -> Referentiel:
    return charger_referentiel(dossier)


def referentiel_par_defaut() -> Referentiel:
    """Le référentiel en usage, chargé une fois par processus (et par dossier)."""
    return _referentiel(str(dossier_regles_par_defaut()))
