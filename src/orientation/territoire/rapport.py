"""Le rapport du diagnostic territorial : HTML autonome, PDF, ou texte.

**HTML autonome** (choix du projet) : chaque graphique y est en **SVG en ligne**, rendu par
vl-convert (le moteur Vega-Lite compilé, sans navigateur ni réseau) ; le fichier ne charge
aucun script, aucune feuille de style, aucune police : il s'ouvre hors ligne, s'envoie par
courriel, s'imprime tel quel, et rien n'est demandé à un CDN quand on le lit (un lecteur
n'apprend à aucun tiers qu'il consulte un diagnostic). Les spécifications Vega-Lite de chaque
graphique sont jointes (``<script type="application/vnd.vegalite+json">``, inertes) pour qui
veut les rouvrir dans un éditeur Vega, ainsi que tous les chiffres en JSON
(``<script type="application/json" id="diagnostic">``). Chaque graphique est suivi de son
tableau (effectif, part) : les chiffres restent lisibles sans les couleurs.

**PDF** : fpdf2 (déjà utilisé pour la fiche d'orientation), police DejaVu si présente,
graphiques en PNG rendus par vl-convert.

Les fichiers sont écrits atomiquement (fichier temporaire à côté, puis renommage).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from orientation.referentiel import Referentiel
from orientation.territoire.diagnostic import Diagnostic, Figure
from orientation.territoire.graphiques import graphique, nombre, pourcent

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
max-width:960px;margin:2em auto;padding:0 1em;color:#1d2733;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;color:#0d47a1;
border-bottom:1px solid #d0d7de;padding-bottom:.2em}
.note{color:#555;font-size:.92em}.bilan{background:#f3f6fa;padding:.6em 1em;border-radius:6px}
table{border-collapse:collapse;font-size:.9em;margin:.6em 0}td,th{padding:.2em .7em;
border-bottom:1px solid #e3e7ec;text-align:left}td.n{text-align:right;
font-variant-numeric:tabular-nums}figure{margin:.5em 0;overflow-x:auto}
@media print{h2{page-break-after:avoid}section{page-break-inside:avoid}}
"""


def _spec(figure: Figure, referentiel: Referentiel) -> dict[str, Any] | None:
    chart = graphique(figure, referentiel)
    # Sans revalider la spécification contre le schéma Vega-Lite (lent ; Altair l'a construite) :
    # vl-convert refuserait de toute façon une spécification fausse.
    return chart.to_dict(validate=False) if chart is not None else None


def _svg(spec: dict[str, Any], prefixe: str) -> str:
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec)
    # Plusieurs SVG dans une page : leurs identifiants internes (clipPath…) ne doivent pas
    # se confondre.
    svg = re.sub(r'id="([^"]+)"', rf'id="{prefixe}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefixe}-\1)", svg)
    return re.sub(r'href="#([^"]+)"', rf'href="#{prefixe}-\1"', svg)


def _json_script(donnees: Any) -> str:
    return json.dumps(donnees, ensure_ascii=False, default=str).replace("</", "<\\/")


def _colonnes(figure: Figure) -> list[tuple[str, str]]:
    """(colonne, en-tête) du tableau d'une figure."""
    if "categorie" in figure.tableau.columns:
        return [("categorie", ""), ("niveau", ""), ("effectif", "patients"),
                ("part_categorie", "part dans la catégorie"), ("part", "part de la cohorte")]
    colonnes = [("libelle", ""), ("effectif", "patients"), ("part", "part de la cohorte")]
    if "cluster" in figure.tableau.columns:
        colonnes.insert(0, ("cluster", "cluster"))
    if "charge_etp" in figure.tableau.columns and figure.tableau["charge_etp"].notna().any():
        colonnes.append(("charge_etp", "charge (temps plein)"))
    if figure.id == "regles":
        colonnes.insert(0, ("id", "règle"))
    return colonnes


def _cellule(colonne: str, valeur: Any) -> tuple[str, bool]:
    if valeur is None or (isinstance(valeur, float) and valeur != valeur):
        return "", True
    if colonne.startswith("part"):
        return pourcent(valeur), True
    if colonne == "effectif":
        return nombre(valeur), True
    if colonne == "charge_etp":
        return f"{valeur:.1f}".replace(".", ","), True
    return str(valeur), False


def bilan_figure(figure: Figure) -> str:
    """La phrase qui dit que les totaux tombent juste."""
    if figure.une_par_patient:
        somme = int(figure.tableau["effectif"].sum())
        return f"Total : {nombre(somme)} patients sur {nombre(figure.total)}."
    aucun = figure.avec_aucun or 0
    return (f"Au moins un : {nombre(figure.total - aucun)} · aucun : {nombre(aucun)} · "
            f"cohorte : {nombre(figure.total)}.")


def titre_rapport(d: Diagnostic) -> str:
    return "Diagnostic territorial" + (f" — {d.source}" if d.source else "")


def phrase_bilan(d: Diagnostic) -> str:
    origine = ("résultats lus dans le fichier (cohorte déjà repérée)" if d.deja_reperee
               else f"repérée avec le référentiel {d.version}")
    return (f"Lues : {nombre(d.lues)} = repérées : {nombre(d.reperees)} + rejetées : "
            f"{nombre(d.rejetees)} ; {origine}.")


def rapport_html(d: Diagnostic, referentiel: Referentiel) -> str:
    e = html.escape
    morceaux = [
        "<!doctype html>", '<html lang="fr"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(titre_rapport(d))}</title><style>{STYLE}</style></head><body>",
        f"<h1>{e(titre_rapport(d))}</h1>",
        f'<p class="bilan">{e(phrase_bilan(d))}</p>',
    ]
    morceaux += [f'<p class="note">{e(r)}</p>' for r in d.remarques]
    for i, f in enumerate(d.figures):
        morceaux.append(f'<section id="{e(f.id)}"><h2>{e(f.titre)}</h2>')
        morceaux.append(f'<p class="note">{e(f.note)}</p>')
        spec = _spec(f, referentiel)
        if spec is not None:
            morceaux.append(f'<figure role="img" aria-label="{e(f.titre)}">'
                            f"{_svg(spec, f'g{i}')}</figure>")
            morceaux.append(f'<script type="application/vnd.vegalite+json" '
                            f'id="vega-{e(f.id)}">{_json_script(spec)}</script>')
        if f.tableau.empty:
            morceaux.append('<p class="note">Aucun patient.</p>')
        else:
            colonnes = _colonnes(f)
            morceaux.append("<table><thead><tr>" + "".join(f"<th>{e(t)}</th>" for _, t in colonnes)
                            + "</tr></thead><tbody>")
            for ligne in f.tableau.to_dict("records"):
                cellules = []
                for c, _ in colonnes:
                    texte, numerique = _cellule(c, ligne.get(c))
                    cellules.append(f'<td class="n">{e(texte)}</td>' if numerique
                                    else f"<td>{e(texte)}</td>")
                morceaux.append("<tr>" + "".join(cellules) + "</tr>")
            morceaux.append("</tbody></table>")
        morceaux.append(f'<p class="note">{e(bilan_figure(f))}</p></section>')
    morceaux.append(f'<script type="application/json" id="diagnostic">'
                    f"{_json_script(d.en_dict())}</script>")
    morceaux.append("</body></html>")
    return "\n".join(morceaux) + "\n"


def rapport_pdf(d: Diagnostic, referentiel: Referentiel) -> bytes:
    import vl_convert
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    from orientation.resultat.fiche import police_dejavu

    police = police_dejavu()
    pdf = FPDF(format="A4")
    pdf.set_title(titre_rapport(d))
    pdf.set_producer("orientation")
    # Le jour, sans l'heure : le même jour, la même entrée donne le même fichier.
    pdf.set_creation_date(dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0,
                                                          microsecond=0))
    pdf.set_margins(16, 14, 16)
    pdf.set_auto_page_break(True, margin=14)
    if police:
        famille = "DejaVu"
        pdf.add_font(famille, "", str(police[0]))
        pdf.add_font(famille, "B", str(police[1]))

        def propre(t: str) -> str:
            return t
    else:  # pragma: no cover — sans la police DejaVu (fonts-dejavu-core)
        famille = "Helvetica"

        def propre(t: str) -> str:
            t = t.replace("\u202f", " ").replace("—", "-").replace("·", "-").replace("’", "'")
            return t.encode("latin-1", "replace").decode("latin-1")

    def texte(t: str, taille: float = 10, gras: bool = False, gris: bool = False) -> None:
        pdf.set_font(famille, "B" if gras else "", taille)
        pdf.set_text_color(90 if gris else 0)
        pdf.multi_cell(pdf.epw, taille * 0.5, propre(t), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf.add_page()
    texte(titre_rapport(d), 17, gras=True)
    pdf.ln(2)
    texte(phrase_bilan(d))
    for r in d.remarques:
        texte(r, 9, gris=True)
    for i, f in enumerate(d.figures):
        pdf.add_page() if i and i % 2 == 0 else pdf.ln(5)
        pdf.set_text_color(13, 71, 161)
        texte(f.titre, 13, gras=True)
        texte(f.note, 8.5, gris=True)
        spec = _spec(f, referentiel)
        if spec is not None:
            png = vl_convert.vegalite_to_png(spec, scale=2)
            largeur_px = _largeur_png(png)
            largeur = min(pdf.epw, largeur_px / 2 * 0.2646)  # px (à l'échelle 1) → mm
            pdf.image(io.BytesIO(png), w=largeur)
        for ligne in f.tableau.head(12).to_dict("records"):
            morceaux = [_cellule(c, ligne.get(c))[0] for c, _ in _colonnes(f)]
            texte("  ".join(m for m in morceaux if m), 8)
        if len(f.tableau) > 12:
            texte(f"… {len(f.tableau) - 12} lignes de plus dans le rapport HTML", 8, gris=True)
        texte(bilan_figure(f), 8.5, gras=True)
    return bytes(pdf.output())


def _largeur_png(png: bytes) -> int:
    return int.from_bytes(png[16:20], "big")


def texte_diagnostic(d: Diagnostic) -> str:
    """Le diagnostic en texte (``orientation territoire`` sans ``-o``)."""
    lignes = [titre_rapport(d), phrase_bilan(d), *d.remarques, ""]
    for f in d.figures:
        lignes.append(f"{f.titre}")
        for ligne in f.tableau.to_dict("records"):
            morceaux = [_cellule(c, ligne.get(c))[0] for c, _ in _colonnes(f)]
            lignes.append("  " + " ; ".join(m for m in morceaux if m))
        lignes += [f"  {bilan_figure(f)}", ""]
    return "\n".join(lignes)


def ecrire_rapport(d: Diagnostic, chemin: Path, referentiel: Referentiel | None = None) -> None:
    """Écrit le rapport (.html ou .pdf, par l'extension), atomiquement."""
    if referentiel is None:
        from orientation.referentiel import charger_referentiel, dossier_regles_par_defaut

        referentiel = charger_referentiel(dossier_regles_par_defaut())
    if chemin.suffix.lower() == ".pdf":
        contenu = rapport_pdf(d, referentiel)
    else:
        contenu = rapport_html(d, referentiel).encode("utf-8")
    ecrire_atomiquement(chemin, contenu)


def ecrire_atomiquement(chemin: Path, contenu: bytes) -> None:
    dossier = chemin.resolve().parent
    descripteur, temporaire = tempfile.mkstemp(prefix=f".{chemin.name}.", dir=dossier)
    try:
        with os.fdopen(descripteur, "wb") as f:
            f.write(contenu)
        masque = os.umask(0)
        os.umask(masque)
        os.chmod(temporaire, 0o666 & ~masque)  # mkstemp crée en 0600 : droits d'un fichier neuf
        os.replace(temporaire, chemin)
    except BaseException:
        Path(temporaire).unlink(missing_ok=True)
        raise
