"""La demande d'appui au DAC : une page que le DAC peut traiter, puis une annexe.

Page 1, dans l'ordre d'une demande d'appui de DAC : la personne concernée (identité saisie
au moment de l'export, jamais enregistrée), le professionnel demandeur (nom, RPPS,
téléphone), le motif et ce qui a déjà été essayé, l'urgence, le consentement de la personne
au partage d'informations (CSP L1110-4), le niveau du repérage et ce qui est demandé au DAC,
les acteurs proposés avec leurs contacts. Les champs non renseignés restent à remplir à la
main. L'annexe donne le détail : acteurs, scores, éléments de la situation, règles, valeurs
et sources.

Le PDF est fait en mémoire (fpdf2) ; la commande ``orientation fiche`` l'écrit d'un coup
(fichier temporaire à côté de la cible, puis renommage).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from orientation.referentiel import referentiel_par_defaut
from orientation.referentiel.vocabulaire import vocabulaire
from orientation.resultat.modele import Contact, Orientation
from orientation.situation.erreurs import ErreurSaisie, messages
from orientation.situation.modele import Situation

# Les phrases de la demande sont dans rules/vocabulaire.yaml (textes « demande_… »).
_A_REMPLIR = "…………………………………"
_LIGNES_A_REMPLIR = 2


def _t(cle: str, **valeurs: Any) -> str:
    return vocabulaire().texte(f"demande_{cle}", **valeurs)

_INSECABLE = "\u00a0"
_MAX_TEXTE = 2000


class _Bloc(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _court(valeur: str, champ: str, maximum: int = 200) -> str:
    if len(valeur) > maximum:
        raise ValueError(f"texte trop long ({len(valeur)} caractères, {maximum} au plus)")
    return valeur


class Personne(_Bloc):
    nom: str = ""
    prenom: str = ""
    naissance: str = Field("", description="date de naissance (JJ/MM/AAAA)")
    telephone: str = ""
    adresse: str = ""

    @field_validator("nom", "prenom", "telephone", "adresse")
    @classmethod
    def _longueur(cls, v: str, info: Any) -> str:
        return _court(v, info.field_name)

    @field_validator("naissance")
    @classmethod
    def _naissance(cls, v: str) -> str:
        if v and not re.match(r"^\d{2}/\d{2}/\d{4}$", v):
            raise ValueError("date de naissance au format JJ/MM/AAAA (ex. 03/02/1942)")
        return v


class Demandeur(_Bloc):
    nom: str = ""
    qualite: str = Field("", description="médecin traitant, infirmier…")
    rpps: str = ""
    telephone: str = ""
    courriel: str = ""
    structure: str = ""

    @field_validator("nom", "qualite", "telephone", "courriel", "structure")
    @classmethod
    def _longueur(cls, v: str, info: Any) -> str:
        return _court(v, info.field_name)

    @field_validator("rpps")
    @classmethod
    def _rpps(cls, v: str) -> str:
        if v and not re.match(r"^\d{11}$", v.replace(" ", "")):
            raise ValueError("numéro RPPS : 11 chiffres")
        return v.replace(" ", "")


class Demande(_Bloc):
    """Ce que le professionnel saisit au moment d'exporter : rien n'en est enregistré."""

    personne: Personne = Personne()
    demandeur: Demandeur = Demandeur()
    motif: str = ""
    deja_fait: str = ""
    delai: str = ""
    consentement: bool | None = None  # None : à recueillir (case vide)

    @field_validator("motif", "deja_fait")
    @classmethod
    def _texte(cls, v: str, info: Any) -> str:
        return _court(v, info.field_name, _MAX_TEXTE)

    @field_validator("delai")
    @classmethod
    def _delai(cls, v: str) -> str:
        return _court(v, "delai")


def lire_demande(donnees: Any) -> Demande:
    try:
        return Demande.model_validate(donnees)
    except ValidationError as e:
        raise ErreurSaisie(messages(e)) from None


def lire_demande_json(texte: str | bytes) -> Demande:
    import json

    if len(texte) > 100_000:
        raise ErreurSaisie(["(demande) : fichier trop gros (100 000 caractères au plus)"])
    try:
        donnees = json.loads(texte)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as e:
        raise ErreurSaisie([f"(demande) : JSON invalide ({str(e)[:80]})"]) from None
    return lire_demande(donnees)


def _date(le: dt.date) -> str:
    mois = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre")
    return f"{le.day} {mois[le.month - 1]} {le.year}"


def lignes_acteurs(o: Orientation) -> tuple[list[tuple[str, Contact | None]], list[str]]:
    """(libellé, premier contact) des appuis puis des acteurs qui ont un contact, et les
    libellés des autres acteurs proposés."""
    avec: list[tuple[str, Contact | None]] = []
    sans: list[str] = []
    for a in o.appuis:
        avec.append((a.libelle, a.contacts[0] if a.contacts else None))
    for c in o.clusters:
        for a in c.acteurs:
            if a.contacts:
                avec.append((a.libelle, a.contacts[0]))
            else:
                sans.append(a.libelle)
    return avec, sans


# --- PDF ---------------------------------------------------------------------------------------


def demande_pdf(situation: Situation, o: Orientation, le: dt.date,
                demande: Demande | None = None,
                police: tuple[Path, Path] | None | bool = True) -> bytes:
    """La demande d'appui (page 1) et son annexe, en PDF A4, en mémoire. Même entrée, mêmes
    octets."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    from orientation.resultat.fiche import _HORS_LATIN1, contenu_fiche, police_dejavu
    from orientation.resultat.rapport import (
        entete_niveau,
        libelles,
        ligne_contact,
        telephone_lisible,
    )

    ref = referentiel_par_defaut()
    v = vocabulaire()

    d = demande or Demande()
    if police is True:
        police = police_dejavu()
    famille = "DejaVu" if police else "Helvetica"

    def propre(t: str) -> str:
        if police:
            return t
        for c, r in _HORS_LATIN1.items():
            t = t.replace(c, r)
        return t.replace("☐", "[ ]").replace("☒", "[X]").encode(
            "latin-1", "replace").decode("latin-1")

    class _Pdf(FPDF):
        def footer(self) -> None:
            self.set_y(-11)
            self.set_font(famille, "", 7.5)
            self.set_text_color(110)
            self.cell(0, 5, propre(_t("pied", page=self.page_no(), nb="{nb}")),
                      align="C")

    pdf = _Pdf(format="A4")
    pdf.set_creation_date(dt.datetime(le.year, le.month, le.day, tzinfo=dt.UTC))
    pdf.set_title(_t("titre"))
    pdf.set_producer("orientation")
    pdf.set_margins(15, 12, 15)
    if police:
        pdf.add_font(famille, "", str(police[0]))
        pdf.add_font(famille, "B", str(police[1]))
    largeur = pdf.epw
    bas = pdf.h - 16  # au-dessus du pied de page

    def hauteur(texte: str, taille: float, h: float, w: float | None = None,
                gras: bool = False) -> float:
        pdf.set_font(famille, "B" if gras else "", taille)
        lignes = pdf.multi_cell(w or largeur, h, propre(texte), dry_run=True, output="LINES",
                                align="L")
        return len(lignes) * h

    def ecrire(texte: str, taille: float = 9, h: float = 4.3, gras: bool = False,
               couleur: tuple[int, int, int] = (0, 0, 0), w: float | None = None,
               x: float | None = None) -> None:
        pdf.set_font(famille, "B" if gras else "", taille)
        pdf.set_text_color(*couleur)
        if x is not None:
            pdf.set_x(x)
        pdf.multi_cell(w or largeur, h, propre(texte), align="L", new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)

    def titre(texte: str) -> None:
        pdf.ln(1.2)
        ecrire(texte, 9.5, 4.8, gras=True, couleur=(13, 71, 161))

    def reste() -> float:
        return bas - pdf.get_y()

    # -- Page 1 : la demande -----------------------------------------------------------------
    pdf.set_auto_page_break(False)
    pdf.add_page()
    ecrire(_t("titre"), 13, 6, gras=True)
    ecrire(_t("sous_titre", date=_date(le), version=o.referentiel.version), 7.5,
           3.6, couleur=(90, 90, 90))
    if o.urgence:
        pdf.ln(1)
        pdf.set_fill_color(253, 236, 234)
        pdf.set_font(famille, "B", 10)
        pdf.set_text_color(176, 0, 32)
        for a in o.alertes:
            if a.id == "urgence":
                pdf.multi_cell(largeur, 6, propre(a.message), fill=True, align="L",
                               new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    # Deux colonnes : la personne, le demandeur.
    def champ(libelle: str, valeur: str) -> str:
        return f"{libelle} : {valeur or _A_REMPLIR}"

    p, dem = d.personne, d.demandeur
    commune = ""
    if o.lieu is not None:
        commune = " ".join(x for x in (o.lieu.nom, f"({o.lieu.saisi})") if x)
    gauche = [champ(_t("nom"), p.nom), champ(_t("prenom"), p.prenom),
              champ(_t("naissance"), p.naissance),
              champ(v.libelle_majuscule("age"), v.texte("age", age=situation.age)),
              champ(_t("telephone"), p.telephone),
              champ(_t("adresse"), p.adresse) if p.adresse or not commune
              else champ(_t("commune"), commune)]
    droite = [champ(_t("nom"), dem.nom), champ(_t("qualite"), dem.qualite),
              champ(_t("rpps"), dem.rpps), champ(_t("telephone"), dem.telephone),
              champ(_t("courriel"), dem.courriel)]
    if dem.structure:
        droite.append(champ(_t("structure"), dem.structure))
    pdf.ln(1.5)
    y0 = pdf.get_y()
    demi = (largeur - 6) / 2
    ecrire(_t("personne"), 9.5, 4.8, gras=True, couleur=(13, 71, 161), w=demi)
    for ligne in gauche:
        ecrire(ligne, 8.5, 4.1, w=demi)
    y_gauche = pdf.get_y()
    pdf.set_y(y0)
    x_droite = pdf.l_margin + demi + 6
    ecrire(_t("demandeur"), 9.5, 4.8, gras=True, couleur=(13, 71, 161), w=demi, x=x_droite)
    for ligne in droite:
        ecrire(ligne, 8.5, 4.1, w=demi, x=x_droite)
    pdf.set_y(max(y_gauche, pdf.get_y()))

    def texte_libre(libelle: str, valeur: str, max_lignes: int) -> None:
        titre(libelle)
        if not valeur:
            for _ in range(_LIGNES_A_REMPLIR):
                ecrire(_A_REMPLIR * 4, 8.5, 5, couleur=(150, 150, 150))
            return
        pdf.set_font(famille, "", 8.5)
        lignes = pdf.multi_cell(largeur, 4.1, propre(valeur), dry_run=True, output="LINES",
                                align="L")
        if len(lignes) > max_lignes:
            lignes = lignes[:max_lignes - 1] + [_t("suite_annexe")]
        ecrire("\n".join(lignes), 8.5, 4.1)

    texte_libre(_t("motif"), d.motif, 6)
    texte_libre(_t("deja_fait"), d.deja_fait, 5)

    titre(_t("urgence_titre"))
    critiques = [a.message for a in o.alertes if a.id != "urgence"]
    ecrire((_t("urgence_oui") if o.urgence else _t("urgence_non")) + " "
           + champ(_t("delai"), d.delai) + ".", 8.5, 4.1)
    for m in critiques:
        ecrire(f"! {m}", 8.5, 4.1, couleur=(176, 0, 32))

    titre(_t("consentement_titre"))
    case = {True: "☒", False: "☐", None: "☐"}[d.consentement]
    ecrire(f"{case} {_t('consentement')}", 8.5, 4.1)

    titre(_t("reperage"))
    libelle, description = entete_niveau(o, ref)
    ecrire(libelle, 9, 4.3, gras=True)
    ecrire(description, 8.5, 4.1)
    if o.secteurs:
        ecrire(f"{v.texte('secteurs')} : {libelles('secteurs', o.secteurs, ref)}."
               + (f" {v.texte('pps')}" if o.pps else ""), 8.5, 4.1)

    titre(_t("demande_dac"))
    appuis_dac = [a for a in o.appuis if a.id.startswith("dac_") or a.id == "gestion_de_cas"]
    if appuis_dac:
        for a in appuis_dac:
            ecrire(f"- {a.libelle}", 8.5, 4.1)
    else:
        ecrire(_t("demande_dac_defaut"), 8.5, 4.1)

    titre(_t("acteurs"))
    avec, sans = lignes_acteurs(o)
    hors_page = []
    col1, col2 = largeur * 0.36, largeur * 0.64
    for libelle, contact in avec:
        if contact is None:
            texte = "—"
        else:
            tel = telephone_lisible(contact.telephone, _INSECABLE)
            texte = contact.nom + (" — " + v.texte("contact_telephone", telephone=tel)
                                   .replace(" ", _INSECABLE) if contact.telephone else "")
            if contact.distance_km is not None:
                texte += " — " + v.texte("contact_distance", distance=f"{contact.distance_km:.1f}"
                                         .replace(".", ",")).replace(" ", _INSECABLE)
        h = max(hauteur(libelle, 8.5, 4.1, col1 - 2, gras=True),
                hauteur(texte, 8.5, 4.1, col2))
        if h > reste() - 9:
            hors_page.append(libelle)
            continue
        y = pdf.get_y()
        ecrire(libelle, 8.5, 4.1, gras=True, w=col1 - 2)
        y1 = pdf.get_y()
        pdf.set_y(y)
        ecrire(texte, 8.5, 4.1, w=col2, x=pdf.l_margin + col1)
        pdf.set_y(max(y1, pdf.get_y()))
    if o.lieu is None:
        ecrire(_t("sans_contact"), 8, 3.9, couleur=(90, 90, 90))
    elif not any(c for _, c in avec):
        ecrire(v.texte("contacts_aucun"), 8, 3.9, couleur=(90, 90, 90))
    autres = hors_page + sans
    if autres:
        texte = f"{_t('autres_acteurs')} : " + ", ".join(autres) + "."
        if hauteur(texte, 8, 3.9) > reste():
            texte = f"{_t('autres_acteurs')} : {_t('suite_annexe')}"
        ecrire(texte, 8, 3.9)

    # -- Annexe -----------------------------------------------------------------------------
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    ecrire(_t("annexe"), 12, 6, gras=True)
    if d.motif or d.deja_fait:
        for cle, valeur in (("motif", d.motif), ("deja_fait", d.deja_fait)):
            if valeur:
                titre(_t(cle))
                ecrire(valeur, 8.5, 4.1)
    if any(a.contacts for a in o.appuis) or any(x.contacts for c in o.clusters
                                               for x in c.acteurs):
        titre(_t("acteurs"))
        for a in o.appuis:
            for c in a.contacts:
                ecrire(f"{a.libelle} : {ligne_contact(c)}", 8, 3.9)
        for cl in o.clusters:
            for a in cl.acteurs:
                for c in a.contacts:
                    ecrire(f"{a.libelle} : {ligne_contact(c)}", 8, 3.9)
        if o.lieu is not None and o.lieu.annuaire:
            ecrire(f"{_t('contacts_sources')} : " + " ; ".join(o.lieu.annuaire), 7.5, 3.6,
                   couleur=(80, 80, 80))
    tailles = {1: 11, 2: 10, 3: 8.5}
    for b in contenu_fiche(situation, o, le)[2:]:
        if b.sorte == "titre":
            pdf.ln(1.5 if b.niveau < 3 else 0.6)
            ecrire(b.texte, tailles[b.niveau], tailles[b.niveau] * 0.47, gras=True,
                   couleur=(13, 71, 161) if b.niveau == 2 else (0, 0, 0))
        elif b.sorte in ("texte", "alerte"):
            ecrire(b.texte, 8.5, 4.1, gras=b.sorte == "alerte",
                   couleur=(176, 0, 32) if b.sorte == "alerte" else (0, 0, 0))
        elif b.sorte == "liste":
            for x in b.elements:
                ecrire(f"- {x}", 8.5, 4.1, w=largeur - 3, x=pdf.l_margin + 3)
        elif b.sorte == "sources":
            morceaux = []
            for t, lien in b.elements:
                t = _sans_markdown(propre(t))
                morceaux.append(f"[{t}]({lien})" if lien else t)
            pdf.set_font(famille, "", 7.5)
            pdf.set_text_color(70, 70, 70)
            pdf.multi_cell(largeur, 3.6, f"{v.texte('sources')} : " + " ; ".join(morceaux),
                           markdown=True, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _sans_markdown(t: str) -> str:
    """Un texte sans les marques que le Markdown de fpdf2 interpréterait."""
    for marque in ("**", "__", "--", "~~"):
        t = t.replace(marque, marque[0] + " " + marque[1])
    return t.replace("[", "(").replace("]", ")")
