"""Brands, themes, email customizations and custom pages: the default brand cannot go, customizations keep one
default per template and one per language, a preview fills the template's variables."""

from __future__ import annotations

from starlette.testclient import TestClient

BODY = '<p>Hi ${user.profile.firstName} of ${org.name}, <a href="${activationLink}">go</a></p>'


def _brand(okta: TestClient) -> str:
    return str(okta.get("/api/v1/brands").json()[0]["id"])


def test_the_default_brand_has_one_theme_and_cannot_be_deleted(okta: TestClient) -> None:
    brand = _brand(okta)
    themes = okta.get(f"/api/v1/brands/{brand}/themes").json()
    assert len(themes) == 1 and themes[0]["primaryColorHex"].startswith("#")
    assert okta.delete(f"/api/v1/brands/{brand}").status_code == 403
    made = okta.post("/api/v1/brands", json={"name": "second"})
    assert made.status_code == 201 and len(okta.get(f"/api/v1/brands/{made.json()['id']}/themes").json()) == 1
    assert okta.post("/api/v1/brands", json={"name": "second"}).status_code == 400
    assert okta.delete(f"/api/v1/brands/{made.json()['id']}").status_code == 204


def test_a_theme_refuses_a_colour_that_is_not_hex(okta: TestClient) -> None:
    brand = _brand(okta)
    theme = okta.get(f"/api/v1/brands/{brand}/themes").json()[0]["id"]
    body = {"primaryColorHex": "blue", "secondaryColorHex": "#ebebeb"}
    assert okta.put(f"/api/v1/brands/{brand}/themes/{theme}", json=body).status_code == 400
    body["primaryColorHex"] = "#ababab"
    assert okta.put(f"/api/v1/brands/{brand}/themes/{theme}", json=body).json()["primaryColorHex"] == "#ababab"


def test_customizations_keep_one_default_and_one_per_language(okta: TestClient) -> None:
    base = f"/api/v1/brands/{_brand(okta)}/templates/email/UserActivation/customizations"
    first = okta.post(base, json={"language": "fr", "subject": "Salut", "body": BODY, "isDefault": False}).json()
    assert first["isDefault"] is True  # the first one is the default whatever it says
    second = {"language": "en", "subject": "Hello ${org.name}", "body": BODY, "isDefault": True}
    assert okta.post(base, json=second).json()["errorCode"] == "E0000182"
    second["isDefault"] = False
    made = okta.post(base, json=second).json()
    assert okta.post(base, json=second).json()["errorCode"] == "E0000183"
    preview = okta.get(f"{base}/{made['id']}/preview").json()
    assert "${" not in preview["subject"] + preview["body"] and "John" in preview["body"]
    taken = okta.put(f"{base}/{made['id']}", json={**second, "isDefault": True}).json()
    assert taken["isDefault"] and not okta.get(f"{base}/{first['id']}").json()["isDefault"]


def test_a_customized_page_is_404_until_written_and_gone_after_delete(okta: TestClient) -> None:
    path = f"/api/v1/brands/{_brand(okta)}/pages/sign-in/customized"
    assert okta.get(path).status_code == 404
    page = okta.put(path, json={"pageContent": "<html></html>", "widgetVersion": "^7"}).json()
    assert page["widgetCustomizations"]["showUserIdentifier"] is True
    assert okta.put(path, json={"pageContent": "x", "widgetVersion": "99"}).status_code == 400
    assert okta.delete(path).status_code == 204 and okta.get(path).status_code == 404
