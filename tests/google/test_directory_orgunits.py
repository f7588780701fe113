"""Admin SDK Directory customer, domains and org units through google-api-python-client."""

from __future__ import annotations

from typing import Any

from directory_helpers import failure, new_user


def test_the_customer_and_its_domains(admin: Any) -> None:
    customer = admin.customers().get(customerKey="my_customer").execute()
    assert customer["kind"] == "admin#directory#customer" and customer["customerDomain"] == "example.com"
    assert admin.customers().get(customerKey=customer["id"]).execute()["id"] == customer["id"]
    assert failure(admin.customers().get(customerKey="C0nobody1")) == (400, "Bad Request", "badRequest")
    patched = admin.customers().patch(customerKey="my_customer", body={"alternateEmail": "it@example.org"}).execute()
    assert patched["alternateEmail"] == "it@example.org"
    domains = admin.domains().list(customer="my_customer").execute()["domains"]
    assert [(d["domainName"], d["isPrimary"], d["verified"]) for d in domains] == [("example.com", True, True)]
    added = admin.domains().insert(customer="my_customer", body={"domainName": "example.net"}).execute()
    assert (added["isPrimary"], added["verified"]) == (False, False)
    new_user(admin, "ada", primaryEmail="ada@example.net")
    assert failure(admin.domains().delete(customer="my_customer", domainName="example.net"))[0] == 400
    assert failure(admin.domains().delete(customer="my_customer", domainName="example.com"))[0] == 400
    assert failure(admin.domains().get(customer="my_customer", domainName="example.org"))[:2] == (
        404, "Domain not found.")  # fmt: skip


def test_org_units_hold_users_and_move_with_them(admin: Any) -> None:
    sales = admin.orgunits().insert(customerId="my_customer", body={"name": "Sales", "parentOrgUnitPath": "/"})
    sales = sales.execute()
    assert (sales["orgUnitPath"], sales["parentOrgUnitPath"]) == ("/Sales", "/")
    east = admin.orgunits().insert(customerId="my_customer", body={"name": "East",
                                   "parentOrgUnitId": sales["orgUnitId"]}).execute()  # fmt: skip
    assert east["orgUnitPath"] == "/Sales/East"
    ada = new_user(admin, "ada", orgUnitPath="/Sales/East")
    assert failure(admin.users().patch(userKey=ada["id"], body={"orgUnitPath": "/Nowhere"}))[:2] == (
        400, "Invalid Input: INVALID_OU_ID")  # fmt: skip
    children = admin.orgunits().list(customerId="my_customer").execute()["organizationUnits"]
    assert [u["orgUnitPath"] for u in children] == ["/Sales"]
    every = admin.orgunits().list(customerId="my_customer", type="all").execute()["organizationUnits"]
    assert [u["orgUnitPath"] for u in every] == ["/Sales", "/Sales/East"]
    assert admin.orgunits().get(customerId="my_customer", orgUnitPath="Sales/East").execute()["name"] == "East"
    admin.orgunits().patch(customerId="my_customer", orgUnitPath="Sales", body={"name": "Revenue"}).execute()
    assert admin.users().get(userKey=ada["id"]).execute()["orgUnitPath"] == "/Revenue/East"
    assert (
        admin.orgunits().get(customerId="my_customer", orgUnitPath=east["orgUnitId"]).execute()["orgUnitPath"]
        == "/Revenue/East"
    )
    assert failure(admin.orgunits().delete(customerId="my_customer", orgUnitPath="Revenue/East"))[0] == 400
    admin.users().patch(userKey=ada["id"], body={"orgUnitPath": "/"}).execute()
    admin.orgunits().delete(customerId="my_customer", orgUnitPath="Revenue/East").execute()
    assert failure(admin.orgunits().get(customerId="my_customer", orgUnitPath="Revenue/East"))[0] == 404
