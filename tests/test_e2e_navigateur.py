"""De bout en bout, dans un vrai navigateur : ``streamlit run app.py`` sur un port local
libre, Chromium de Debian piloté par Playwright, un médecin remplit le formulaire pour une
personne âgée en situation complexe et lit le résultat.

En CI (``CI`` défini), l'absence de Chromium est un échec, pas un test sauté :
``.ci/apt-packages`` l'installe. Ailleurs, sans Chromium, le test est sauté avec la raison.

Variables utiles : ``ORIENTATION_CAPTURE=docs/capture.png`` copie aussi la capture
d'écran du résultat à cet endroit (pour le README).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import RACINE

CHROMIUM = os.environ.get("ORIENTATION_CHROMIUM", "/usr/bin/chromium")
ARGUMENTS_CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                      "--disable-background-networking", "--disable-component-update",
                      "--disable-sync", "--no-first-run"]


def _manque(raison: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{raison} : en CI, ce test doit tourner (voir .ci/apt-packages)")
    pytest.skip(raison)


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def serveur(tmp_path_factory):
    """L'application lancée comme le README la lance ; toujours arrêtée à la fin. Aucun
    annuaire importé (``ORIENTATION_ANNUAIRE`` vide) : elle prend l'annuaire d'exemple."""
    port = _port_libre()
    env = {**os.environ, "ORIENTATION_ANNUAIRE": str(tmp_path_factory.mktemp("aucun"))}
    processus = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=RACINE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        limite = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if processus.poll() is not None:
                erreur = processus.stderr.read().decode(errors="replace") if processus.stderr \
                    else ""
                pytest.fail(f"streamlit s'est arrêté au démarrage :\n{erreur[-2000:]}")
            if time.monotonic() > limite:
                pytest.fail("streamlit ne répond pas sur /_stcore/health après 30 s")
            time.sleep(0.2)
        yield url
    finally:
        processus.terminate()
        try:
            processus.wait(timeout=10)
        except subprocess.TimeoutExpired:
            processus.kill()
            processus.wait()


@pytest.fixture(scope="module")
def navigateur():
    if not Path(CHROMIUM).is_file():
        _manque(f"Chromium introuvable ({CHROMIUM}) : apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _manque("Playwright n'est pas installé (extra dev)")
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                       args=ARGUMENTS_CHROMIUM)
        try:
            yield navigateur
        finally:
            navigateur.close()


def _attendre_fin_execution(page) -> None:
    """Attend que Streamlit ait fini de réexécuter la page après une saisie."""
    page.wait_for_timeout(150)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=10_000)


def _cocher(page, libelle: str) -> None:
    page.locator('[data-testid="stCheckbox"]').filter(has_text=libelle).locator("label").click()
    _attendre_fin_execution(page)


def _nombre(page, libelle: str, valeur: int) -> None:
    champ = page.get_by_label(libelle, exact=True)
    champ.fill(str(valeur))
    champ.press("Enter")
    _attendre_fin_execution(page)


def _choisir(page, libelle: str, option: str) -> None:
    page.locator('[data-testid="stSelectbox"]').filter(has_text=libelle).click()
    page.get_by_role("option", name=option, exact=True).click()
    _attendre_fin_execution(page)


@pytest.mark.lent
def test_un_medecin_repere_une_personne_agee_complexe(serveur, navigateur, tmp_path,
                                                     record_property):
    page = navigateur.new_page(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page.goto(serveur)
    page.get_by_role("heading", name="Repérage du parcours").wait_for(timeout=20_000)

    _nombre(page, "Âge", 86)
    page.get_by_role("tab", name="Santé").click()
    _nombre(page, "Chutes en 6 mois", 3)
    _nombre(page, "Nombre de médicaments par jour", 11)
    _cocher(page, "Pathologie chronique non stabilisée")
    _cocher(page, "Dénutrition")
    _cocher(page, "Troubles cognitifs")
    page.get_by_role("tab", name="Autonomie").click()
    _nombre(page, "Activités de base de la vie quotidienne (ADL) non faites seul", 3)
    _choisir(page, "Aides et soins à domicile", "Insuffisantes")
    _cocher(page, "Autonomie décisionnelle altérée")
    page.get_by_role("tab", name="Social").click()
    _cocher(page, "Vit seul")
    _cocher(page, "Isolement social")
    _choisir(page, "Aidant", "Épuisé")

    debut = time.perf_counter()
    page.locator(".st-key-reperage-_reperer button").click()
    niveau = page.locator(".st-key-resultat-niveau")
    niveau.get_by_text("Parcours complexe").wait_for(timeout=10_000)
    duree = time.perf_counter() - debut
    record_property("soumission_resultat_s", round(duree, 3))
    print(f"\nsoumission → résultat à l'écran : {duree * 1000:.0f} ms")

    assert "Parcours complexe" in niveau.inner_text()
    page.get_by_text("Pourquoi ? Le détail du repérage").click()  # le détail, replié
    cluster = page.locator(".st-key-reperage-cluster-medico_social_domicile")
    assert "Médico-social à domicile" in cluster.inner_text()
    assert "SAD aide" in cluster.inner_text()
    assert page.locator(".st-key-reperage-appui-dac_reponse_globale").is_visible()

    page.locator('[data-testid="stGraphVizChart"] svg').first.wait_for(timeout=10_000)
    niveau.scroll_into_view_if_needed()
    capture = tmp_path / "resultat.png"
    page.screenshot(path=str(capture))
    if os.environ.get("ORIENTATION_CAPTURE"):
        shutil.copyfile(capture, RACINE / os.environ["ORIENTATION_CAPTURE"])
    page.close()


def _defilement(page) -> list[float]:
    """Le défilement de la fenêtre et des conteneurs de Streamlit (0 partout : rien n'a
    bougé)."""
    return page.evaluate(
        "() => [window.scrollY, ...Array.from(document.querySelectorAll("
        "'[data-testid=\"stMain\"], [data-testid=\"stAppViewContainer\"], section.main'))"
        ".map(e => e.scrollTop)]")


@pytest.mark.lent  # un navigateur et le serveur Streamlit
def test_un_medecin_lit_le_numero_a_appeler_sans_defiler(serveur, navigateur):
    """Le médecin charge l'exemple complexe, tape la commune, « Repérer » : le numéro de la
    première structure à appeler est à l'écran, sans faire défiler la page."""
    hauteur = 900
    page = navigateur.new_page(viewport={"width": 1400, "height": hauteur}, locale="fr-FR")
    page.goto(serveur)
    page.get_by_role("heading", name="Repérage du parcours").wait_for(timeout=20_000)
    page.locator('[data-testid="stSelectbox"]').filter(
        has_text="Partir d'une situation d'exemple").click()
    page.get_by_role("option", name="Personne âgée, situation complexe", exact=True).click()
    _attendre_fin_execution(page)
    page.get_by_role("button", name="Charger l'exemple").click()
    _attendre_fin_execution(page)
    commune = page.get_by_role("textbox", name="Commune du patient")
    commune.fill("01004")
    commune.press("Enter")
    _attendre_fin_execution(page)
    page.locator(".st-key-reperage-_reperer button").click()

    premiere = page.locator(".st-key-reperage-a-faire-0")
    premiere.wait_for(timeout=20_000)
    numero = premiere.locator('a[href^="tel:"]').first
    assert "DAC de l'Ain" in premiere.inner_text()
    assert numero.inner_text() == "01 99 00 01 01"
    assert numero.get_attribute("href") == "tel:0199000101"
    assert _defilement(page) == [0] * len(_defilement(page))
    boite = numero.bounding_box()
    assert boite is not None and 0 <= boite["y"] and boite["y"] + boite["height"] <= hauteur
    if os.environ.get("ORIENTATION_CAPTURE"):  # la capture du README : le premier écran
        page.screenshot(path=str(RACINE / os.environ["ORIENTATION_CAPTURE"]))
    page.close()
