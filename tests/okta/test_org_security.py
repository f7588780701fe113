"""An org's security defaults as an admin changes them: authenticators and their methods, the one CAPTCHA an org
may have and the pages it guards, SMS templates, and behavior detection rules."""

from __future__ import annotations

from starlette.testclient import TestClient


def _authenticator(okta: TestClient, key: str) -> dict[str, object]:
    return next(a for a in okta.get("/api/v1/authenticators").json() if a["key"] == key)


def test_authenticators_keep_what_a_replace_leaves_out_and_the_password_stays_on(okta: TestClient) -> None:
    phone = _authenticator(okta, "phone_number")
    assert phone["status"] == "INACTIVE"
    assert okta.post(f"/api/v1/authenticators/{phone['id']}/lifecycle/activate").json()["status"] == "ACTIVE"
    replaced = okta.put(f"/api/v1/authenticators/{phone['id']}", json={"name": "Phone"}).json()
    assert replaced["settings"] == {"allowedFor": "recovery"}
    password = _authenticator(okta, "okta_password")
    assert "deactivate" not in password["_links"]  # type: ignore[operator]
    assert okta.post(f"/api/v1/authenticators/{password['id']}/lifecycle/deactivate").status_code == 400
    again = okta.post("/api/v1/authenticators", json={"key": "okta_email", "name": "Email 2", "type": "email"})
    assert again.json()["errorCode"] == "E0000001"
    verify = _authenticator(okta, "okta_verify")
    methods = okta.get(f"/api/v1/authenticators/{verify['id']}/methods").json()
    assert {m["type"] for m in methods} == {"totp", "push", "signed_nonce"}
    push = f"/api/v1/authenticators/{verify['id']}/methods/push"
    assert okta.post(f"{push}/lifecycle/activate").json()["status"] == "ACTIVE"
    # custom AAGUIDs are the WebAuthn authenticator's only
    assert okta.get(f"/api/v1/authenticators/{verify['id']}/aaguids").json()["errorCode"] == "E0000001"


def test_one_captcha_per_org_and_its_secret_stays_hidden(okta: TestClient) -> None:
    body = {"name": "c", "siteKey": "site", "secretKey": "secret", "type": "HCAPTCHA"}
    made = okta.post("/api/v1/captchas", json=body).json()
    assert "secretKey" not in made
    assert okta.post("/api/v1/captchas", json=body).json()["errorCode"] == "E0000166"
    setting = okta.put("/api/v1/org/captcha", json={"captchaId": made["id"], "enabledPages": ["SIGN_IN", "SSPR"]})
    assert setting.json()["enabledPages"] == ["SSPR", "SIGN_IN"]
    assert okta.put("/api/v1/org/captcha", json={"captchaId": "capnone", "enabledPages": []}).status_code == 404
    assert okta.delete(f"/api/v1/captchas/{made['id']}").status_code == 204
    assert okta.get("/api/v1/org/captcha").json()["captchaId"] is None


def test_sms_templates_merge_translations_on_post_and_replace_on_put(okta: TestClient) -> None:
    assert [t["id"] for t in okta.get("/api/v1/templates/sms").json()] == ["default"]
    body = {
        "name": "t",
        "type": "SMS_VERIFY_CODE",
        "template": "${org.name}: ${code}",
        "translations": {"fr": "${code}"},
    }
    made = okta.post("/api/v1/templates/sms", json=body).json()
    merged = okta.post(f"/api/v1/templates/sms/{made['id']}", json={"translations": {"de": "${code}."}}).json()
    assert set(merged["translations"]) == {"fr", "de"}
    replaced = okta.put(f"/api/v1/templates/sms/{made['id']}", json={**body, "translations": {"it": "${code}"}}).json()
    assert set(replaced["translations"]) == {"it"}
    assert okta.post("/api/v1/templates/sms", json={**body, "template": "no code"}).status_code == 400


def test_behavior_rules_are_created_active_and_flip_through_their_lifecycle(okta: TestClient) -> None:
    assert {b["name"] for b in okta.get("/api/v1/behaviors").json()} >= {"New Device", "Velocity"}
    body = {"name": "fast", "type": "VELOCITY", "status": "INACTIVE", "settings": {"velocityKph": 900}}
    made = okta.post("/api/v1/behaviors", json=body).json()
    assert made["status"] == "ACTIVE" and made["created"].count("-") == 2 and "T" not in made["created"]
    assert okta.post(f"/api/v1/behaviors/{made['id']}/lifecycle/deactivate").json()["status"] == "INACTIVE"
    assert okta.post("/api/v1/behaviors", json=body).status_code == 400  # the name is taken
    assert okta.delete(f"/api/v1/behaviors/{made['id']}").status_code == 204
    assert okta.get(f"/api/v1/behaviors/{made['id']}").json()["errorCode"] == "E0000007"
