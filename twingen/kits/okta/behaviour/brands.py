"""Brands and their themes (``/api/v1/brands``): create, list, read (``expand=domains``), replace, delete; each
brand has exactly one theme, made with it, whose logo, favicon and background image can be removed (back to
Okta's defaults). The org's default brand cannot be deleted.

Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Brands/ ,
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Themes/ and the recorded answers.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _log, _paging, _store
from ._errors import not_found, okta_error, validation_failed
from ._links import href
from ._seed_brands import BRANDS, DEFAULT_THEME, THEMES, brand_record

BRAND_FIELDS = (
    "name",
    "removePoweredByOkta",
    "customPrivacyPolicyUrl",
    "agreeToCustomPrivacyPolicy",
    "defaultApp",
    "emailDomainId",
    "locale",
)
# emailDomainId, locale and the loading page's variant are shown once set (absent from a new org's answers)
THEME_FIELDS = (
    *(k for k in DEFAULT_THEME if k not in ("logo", "favicon", "backgroundImage")),
    "loadingPageTouchPointVariant",
)
HEX = "0123456789abcdefABCDEF"


def _allow(ctx: Context, path: str, *methods: str) -> dict[str, Any]:
    return {"href": href(ctx, path), "hints": {"allow": list(methods)}}


def render_brand(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/brands/{record['id']}"
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    shown["_links"] = {
        "themes": _allow(ctx, f"{path}/themes", "GET"),
        "self": _allow(ctx, path, "GET", "PUT", *(() if record["isDefault"] else ("DELETE",))),
    }
    return shown


def find_brand(ctx: Context) -> dict[str, Any]:
    return _store.stored(ctx, BRANDS, "brandId", "Brand")


def _brand_name(ctx: Context, name: Any, own_id: str = "") -> str:
    if not isinstance(name, str) or not name.strip():
        raise validation_failed("name", "The field cannot be left blank")
    if any(b["name"] == name and b["id"] != own_id for b in ctx.state.collection(BRANDS).values()):
        raise validation_failed("name", "A brand with this name already exists")
    return name


@behaviour("listBrands")
def list_brands(ctx: Context) -> Any:
    rows = _paging.walk(ctx.state.collection(BRANDS), _paging.cursor_of(ctx))
    return _paging.served(ctx, rows, lambda r: render_brand(ctx, r), 20, 200)


@behaviour("createBrand")
def create_brand(ctx: Context) -> Any:
    body = _store.body_object(ctx)
    record = brand_record(_store.new_id(ctx, "bnd"), _brand_name(ctx, body.get("name")), default=False)
    ctx.state.collection(BRANDS).put(record["id"], record)
    theme_id = _store.new_id(ctx, "the")
    ctx.state.collection(THEMES).put(
        f"{record['id']}/{theme_id}", {"id": theme_id, "_brand": record["id"], **DEFAULT_THEME}
    )
    _log.record(ctx, "brand.create", [_log.target("Brand", record["id"], record["name"], record["name"])])
    return Response(201, render_brand(ctx, record))


@behaviour("getBrand")
def get_brand(ctx: Context) -> Any:
    record = find_brand(ctx)
    shown = render_brand(ctx, record)
    expand = ctx.params.get("expand") or []
    expand = expand if isinstance(expand, list) else str(expand).split(",")
    embedded: dict[str, Any] = {}
    if "domains" in expand:
        embedded["domains"] = _domains(ctx, record["id"])
    if "themes" in expand:
        embedded["themes"] = [render_theme(ctx, t) for t in _themes(ctx, record["id"])]
    if embedded:
        shown["_embedded"] = embedded
    return shown


@behaviour("replaceBrand")
def replace_brand(ctx: Context) -> Any:
    record = find_brand(ctx)
    body = _store.body_object(ctx)
    name = _brand_name(ctx, body.get("name", record["name"]), record["id"])
    fresh = brand_record(record["id"], name, default=record["isDefault"])
    # a replace: what the body leaves out goes back to its default, except the name and the default app
    fresh["defaultApp"] = record.get("defaultApp", fresh["defaultApp"])
    fresh.update({k: body[k] for k in BRAND_FIELDS if k in body and k != "name"})
    ctx.state.collection(BRANDS).put(record["id"], fresh)
    _log.record(ctx, "brand.update", [_log.target("Brand", record["id"], name, name)])
    return render_brand(ctx, fresh)


@behaviour("deleteBrand")
def delete_brand(ctx: Context) -> Any:
    record = find_brand(ctx)
    if record["isDefault"]:
        raise okta_error(
            "E0000006",
            "You do not have permission to perform the requested action: the default brand cannot be deleted.",
        )
    ctx.state.collection(BRANDS).delete(record["id"])
    for theme in _themes(ctx, record["id"]):
        ctx.state.collection(THEMES).delete(f"{record['id']}/{theme['id']}")
    _log.record(ctx, "brand.delete", [_log.target("Brand", record["id"], record["name"], record["name"])])
    return Response(204, None)


def _domains(ctx: Context, brand_id: str) -> list[dict[str, Any]]:
    # the custom domains area keeps them (and answers listBrandDomains)
    return [d for d in ctx.state.collection("domains").values() if d.get("brandId") == brand_id]


def _themes(ctx: Context, brand_id: str) -> list[dict[str, Any]]:
    return [t for t in ctx.state.collection(THEMES).values() if t["_brand"] == brand_id]


def render_theme(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/brands/{record['_brand']}/themes/{record['id']}"
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    # a theme without its own images shows Okta's defaults
    shown["logo"] = record.get("logo") or href(ctx, "/assets/img/logos/okta-logo.png")
    shown["favicon"] = record.get("favicon") or href(ctx, "/favicon.ico")
    shown["_links"] = {
        name: _allow(ctx, f"{path}/{name}", "POST", "DELETE") for name in ("favicon", "logo", "background-image")
    }
    shown["_links"]["self"] = _allow(ctx, path, "GET", "PUT")
    return shown


def _find_theme(ctx: Context) -> dict[str, Any]:
    brand = find_brand(ctx)
    theme_id = str(ctx.params.get("themeId") or "")
    found = ctx.state.collection(THEMES).get(f"{brand['id']}/{theme_id}")
    if found is None:
        raise not_found(theme_id, "Theme")
    return found


@behaviour("listBrandThemes")
def list_brand_themes(ctx: Context) -> Any:
    return [render_theme(ctx, t) for t in _themes(ctx, find_brand(ctx)["id"])]


@behaviour("getBrandTheme")
def get_brand_theme(ctx: Context) -> Any:
    return render_theme(ctx, _find_theme(ctx))


@behaviour("replaceBrandTheme")
def replace_brand_theme(ctx: Context) -> Any:
    record = _find_theme(ctx)
    body = _store.body_object(ctx)
    for name in ("primaryColorHex", "secondaryColorHex"):
        if name not in body:
            raise validation_failed(name, "The field cannot be left blank")
    for name in ("primaryColorHex", "primaryColorContrastHex", "secondaryColorHex", "secondaryColorContrastHex"):
        value = body.get(name)
        if value is not None and not (
            isinstance(value, str) and len(value) == 7 and value[0] == "#" and all(c in HEX for c in value[1:])
        ):
            raise validation_failed(name, "Invalid color hex value")
    record.update({k: body.get(k, DEFAULT_THEME.get(k)) for k in THEME_FIELDS})
    if record.get("loadingPageTouchPointVariant") is None:
        record.pop("loadingPageTouchPointVariant", None)
    ctx.state.collection(THEMES).put(f"{record['_brand']}/{record['id']}", record)
    _log.record(ctx, "theme.update", [_log.target("Theme", record["id"])])
    return render_theme(ctx, record)


def _image(field: str, *, upload: bool) -> Any:
    def change(ctx: Context) -> Any:
        record = _find_theme(ctx)
        if not upload:
            record[field] = None
            ctx.state.collection(THEMES).put(f"{record['_brand']}/{record['id']}", record)
            return Response(204, None)
        upload_file = next(iter(ctx.files.values()), None) if ctx.files else None
        if upload_file is None:
            raise validation_failed("file", "The field cannot be left blank")
        url = href(ctx, f"/bc/image/fileStoreRecord?id={_store.new_id(ctx, 'fs0')}")
        record[field] = url
        ctx.state.collection(THEMES).put(f"{record['_brand']}/{record['id']}", record)
        return Response(201, {"url": url})

    return change


# the registry reads module globals: each behaviour made by a factory is bound to a name
delete_background_image = behaviour("deleteBrandThemeBackgroundImage")(_image("backgroundImage", upload=False))
upload_background_image = behaviour("uploadBrandThemeBackgroundImage")(_image("backgroundImage", upload=True))
delete_favicon = behaviour("deleteBrandThemeFavicon")(_image("favicon", upload=False))
upload_favicon = behaviour("uploadBrandThemeFavicon")(_image("favicon", upload=True))
delete_logo = behaviour("deleteBrandThemeLogo")(_image("logo", upload=False))
upload_logo = behaviour("uploadBrandThemeLogo")(_image("logo", upload=True))
