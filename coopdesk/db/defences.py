"""The triggers and indexes the head revision gives every book: the one list ``check`` uses.

A trigger is a defence (it refuses a write, or queues a row for its seal); an index
either keeps a rule (one live workday per member, day and line) or keeps a screen fast.
Someone who drops or rewrites one with the sqlite3 shell disarms the book without
touching a record, so ``check`` compares the book with this list: each name must be
there, on its table, with exactly the statement the migrations wrote (its digest).

When a revision adds, drops or changes a trigger or an index, this list changes with
it and :data:`REVISION` names that revision; ``tests/db/test_defences.py`` fails until
the list matches a freshly made book (it prints the lines to paste).
"""

from __future__ import annotations

import hashlib

#: The revision whose schema this list describes.
REVISION = "0013"


def digest(sql: str) -> str:
    """Return the short digest of a CREATE statement as SQLite keeps it."""
    return hashlib.sha256(sql.encode("utf-8")).hexdigest()[:16]


#: Trigger name → (table, digest of its statement).
TRIGGERS: dict[str, tuple[str, str]] = {
    "trg_assembly_agenda_item_no_delete": ("assembly_agenda_item", "99b9ffd797aee08e"),
    "trg_assembly_agenda_item_no_update": ("assembly_agenda_item", "b54cd30bc461ee39"),
    "trg_assembly_agenda_item_seal_insert": ("assembly_agenda_item", "9dc06a2fa01e2af3"),
    "trg_assembly_agenda_item_session_open": ("assembly_agenda_item", "1c625131c41a4057"),
    "trg_assembly_agreement_no_delete": ("assembly_agreement", "2d7cc793bc2eed5e"),
    "trg_assembly_agreement_no_update": ("assembly_agreement", "49e16cd0a5d52fe8"),
    "trg_assembly_agreement_quorum": ("assembly_agreement", "cd0f3b1c945b2fb5"),
    "trg_assembly_agreement_seal_insert": ("assembly_agreement", "16773dfa2d0d6f69"),
    "trg_assembly_agreement_session_open": ("assembly_agreement", "8fe0091889b56b74"),
    "trg_assembly_agreement_votes_within": ("assembly_agreement", "8856350c4ae6b5e0"),
    "trg_assembly_attendance_no_delete": ("assembly_attendance", "0a82a2826fe293c2"),
    "trg_assembly_attendance_no_update": ("assembly_attendance", "9c6599696401446a"),
    "trg_assembly_attendance_seal_insert": ("assembly_attendance", "2cd731cbd3cdda31"),
    "trg_assembly_attendance_session_open": ("assembly_attendance", "f87d26a5499ae6c2"),
    "trg_assembly_session_guard_update": ("assembly_session", "6f05a268f92c4765"),
    "trg_assembly_session_no_delete": ("assembly_session", "483b78ed01f1b1b1"),
    "trg_assembly_session_quorum_positive": ("assembly_session", "6ec9df12af133f23"),
    "trg_assembly_session_seal_insert": ("assembly_session", "7811388718d8aca6"),
    "trg_assembly_session_seal_update": ("assembly_session", "5c50ae56bf861370"),
    "trg_assembly_session_site_fixed": ("assembly_session", "9cb9d1805380264b"),
    "trg_attendance_closed_delete": ("attendance", "766cc9c64ed51c5e"),
    "trg_attendance_closed_insert": ("attendance", "32059cb2a638362c"),
    "trg_attendance_closed_update": ("attendance", "5721b04d55cf9728"),
    "trg_attendance_no_delete": ("attendance", "da9c1ab60849f75c"),
    "trg_attendance_seal_delete": ("attendance", "cf2ffad040408f32"),
    "trg_attendance_seal_insert": ("attendance", "6b089572c9f99012"),
    "trg_attendance_seal_update": ("attendance", "13024a4d8047921b"),
    "trg_attendance_site_fixed": ("attendance", "fcbf0adb60dbff03"),
    "trg_audit_event_no_delete": ("audit_event", "5d5d0811e901862c"),
    "trg_audit_event_no_update": ("audit_event", "f3500282a6fe2666"),
    "trg_audit_event_seal_insert": ("audit_event", "bb8b7385d5de268d"),
    "trg_audit_event_site_fixed": ("audit_event", "16b8ad7bc1013036"),
    "trg_audit_event_uuid_required": ("audit_event", "fbb2c620cfcefb03"),
    "trg_batch_input_closed_insert": ("batch_input", "115f12b01267999a"),
    "trg_batch_input_guard_update": ("batch_input", "75c46ea294975e20"),
    "trg_batch_input_no_delete": ("batch_input", "1064a49a058bc6ed"),
    "trg_batch_input_seal_insert": ("batch_input", "6822d4d53e647950"),
    "trg_batch_input_seal_update": ("batch_input", "59ba56d5e462e356"),
    "trg_batch_input_site_fixed": ("batch_input", "db2206782fb1b8ff"),
    "trg_batch_input_uuid_required": ("batch_input", "bbeb5d07becda7f3"),
    "trg_buyer_no_delete": ("buyer", "f6043732688f561f"),
    "trg_buyer_seal_delete": ("buyer", "6103b6c6c581aa86"),
    "trg_buyer_seal_insert": ("buyer", "5e9407197bd42311"),
    "trg_buyer_seal_update": ("buyer", "897bb5a3028139c3"),
    "trg_buyer_site_fixed": ("buyer", "77a7c3f51b1b73b8"),
    "trg_closed_month_guard_delete": ("closed_month", "36ba27c22cbbeac1"),
    "trg_closed_month_no_update": ("closed_month", "5980d050575bb9ef"),
    "trg_closed_month_seal_delete": ("closed_month", "95bced4628152e09"),
    "trg_closed_month_seal_insert": ("closed_month", "24875660b6238081"),
    "trg_closed_month_seal_update": ("closed_month", "04f9f785abd7bf89"),
    "trg_closed_month_site_fixed": ("closed_month", "b567043e8e8a68d6"),
    "trg_closed_month_uuid_required": ("closed_month", "699ec483e27e942b"),
    "trg_distribution_rule_guard_update": ("distribution_rule", "c56e1a4b3578b347"),
    "trg_distribution_rule_no_delete": ("distribution_rule", "d716f7604bf98abd"),
    "trg_distribution_rule_seal_insert": ("distribution_rule", "03b7e5920ad8634e"),
    "trg_distribution_rule_seal_update": ("distribution_rule", "98622620a5c97f00"),
    "trg_distribution_rule_site_fixed": ("distribution_rule", "9fc1d27bf703130f"),
    "trg_expense_closed_insert": ("expense", "aa3c8052b73b60ed"),
    "trg_expense_closed_void": ("expense", "6ffd76febc37ef3f"),
    "trg_expense_corrects_fixed": ("expense", "827ab9c45744e8b2"),
    "trg_expense_guard_update": ("expense", "4bf60768170ab285"),
    "trg_expense_no_delete": ("expense", "7b4d9e5eb8850957"),
    "trg_expense_seal_insert": ("expense", "02a11721a75176e5"),
    "trg_expense_seal_update": ("expense", "25825f75ab02d629"),
    "trg_expense_site_fixed": ("expense", "0c5740aef01a4ff4"),
    "trg_input_item_no_delete": ("input_item", "73cdb6b79a71e061"),
    "trg_input_item_seal_delete": ("input_item", "972bd77ecfe467f7"),
    "trg_input_item_seal_insert": ("input_item", "b8866d71e3b11576"),
    "trg_input_item_seal_update": ("input_item", "e4d41dd5a4dd7827"),
    "trg_input_item_site_fixed": ("input_item", "134853c26e435ca2"),
    "trg_labor_rate_closed_insert": ("labor_rate", "592d00090f1b2a57"),
    "trg_labor_rate_guard_update": ("labor_rate", "95927346af13c4c6"),
    "trg_labor_rate_no_delete": ("labor_rate", "4365b89b37267edd"),
    "trg_labor_rate_seal_insert": ("labor_rate", "4e5e024775976176"),
    "trg_labor_rate_seal_update": ("labor_rate", "2707a25753e87197"),
    "trg_labor_rate_site_fixed": ("labor_rate", "e508869ce41499d6"),
    "trg_member_credit_closed_insert": ("member_credit", "be762fb45bdd028a"),
    "trg_member_credit_closed_void": ("member_credit", "e691ae1692256898"),
    "trg_member_credit_corrects_fixed": ("member_credit", "bdcdcbf111ae333a"),
    "trg_member_credit_guard_update": ("member_credit", "9a0742bb213141eb"),
    "trg_member_credit_no_delete": ("member_credit", "12598809cbbfe96d"),
    "trg_member_credit_seal_insert": ("member_credit", "ec778e9f74c68422"),
    "trg_member_credit_seal_update": ("member_credit", "c08f398ebed8a6f6"),
    "trg_member_credit_site_fixed": ("member_credit", "784cab6f31a3918b"),
    "trg_member_no_delete": ("member", "c65b01d5342a1ca1"),
    "trg_member_payment_closed_insert": ("member_payment", "28d3522920380909"),
    "trg_member_payment_closed_void": ("member_payment", "d1a40864d9fdc1fd"),
    "trg_member_payment_corrects_fixed": ("member_payment", "7811fa9ba7f83807"),
    "trg_member_payment_guard_update": ("member_payment", "e2ee7675dd2ca422"),
    "trg_member_payment_no_delete": ("member_payment", "65cb740f053533da"),
    "trg_member_payment_receipt_number": ("member_payment", "4f383ae0947528cb"),
    "trg_member_payment_seal_insert": ("member_payment", "1655d2a6acfd5281"),
    "trg_member_payment_seal_update": ("member_payment", "7622422d0f4dc4db"),
    "trg_member_payment_site_fixed": ("member_payment", "8d06981e448b92ad"),
    "trg_member_seal_delete": ("member", "d17f091fafffb42f"),
    "trg_member_seal_insert": ("member", "3ceb4b13a8c6ba01"),
    "trg_member_seal_update": ("member", "f1d12ff36a5802b7"),
    "trg_member_site_fixed": ("member", "791062ed2f76ef9c"),
    "trg_payment_receipt_no_delete": ("payment_receipt", "e0bb48a73ab37cca"),
    "trg_payment_receipt_no_update": ("payment_receipt", "d2f4bb691b6c198b"),
    "trg_payment_receipt_seal_insert": ("payment_receipt", "7bedec40032c2a62"),
    "trg_payment_receipt_site_fixed": ("payment_receipt", "075981d75120c27c"),
    "trg_payment_receipt_uuid_required": ("payment_receipt", "43281be48ec63dfe"),
    "trg_product_no_delete": ("product", "b83845d5f44f6068"),
    "trg_product_price_no_delete": ("product_price", "9de397e8b0a17581"),
    "trg_product_price_seal_delete": ("product_price", "520b2a65ec1f21d5"),
    "trg_product_price_seal_insert": ("product_price", "71b6c95fe569768f"),
    "trg_product_price_seal_update": ("product_price", "f3fe1698221def5b"),
    "trg_product_price_site_fixed": ("product_price", "bd91a2a031f034e6"),
    "trg_product_seal_delete": ("product", "c3efeb44ca1883de"),
    "trg_product_seal_insert": ("product", "dc6a6f44dba62467"),
    "trg_product_seal_update": ("product", "c39ae3e9fe56290d"),
    "trg_product_site_fixed": ("product", "c2e7eb583fc7b6e1"),
    "trg_production_batch_closed_insert": ("production_batch", "50698858ddd769ef"),
    "trg_production_batch_closed_void": ("production_batch", "a06b1053f189d036"),
    "trg_production_batch_guard_update": ("production_batch", "736202bb8d48df25"),
    "trg_production_batch_no_delete": ("production_batch", "0547c9438d227f76"),
    "trg_production_batch_seal_insert": ("production_batch", "5d790ba1c00b0b3e"),
    "trg_production_batch_seal_update": ("production_batch", "888b82f585a8b37b"),
    "trg_production_batch_site_fixed": ("production_batch", "05881910975e90b3"),
    "trg_purchase_closed_insert": ("purchase", "1f349b2f42302112"),
    "trg_purchase_closed_void": ("purchase", "7c3339ecc3193f9f"),
    "trg_purchase_corrects_fixed": ("purchase", "5f649619cb414b43"),
    "trg_purchase_guard_update": ("purchase", "9f7c2ba731aa573e"),
    "trg_purchase_no_delete": ("purchase", "7797d33b8111dd82"),
    "trg_purchase_seal_insert": ("purchase", "499524579aa8c4a2"),
    "trg_purchase_seal_update": ("purchase", "88932735332b5563"),
    "trg_purchase_site_fixed": ("purchase", "a9c066dd28c4d3a0"),
    "trg_sale_closed_insert": ("sale", "9b6b3bf38a41c11e"),
    "trg_sale_closed_paid": ("sale", "fe9278f9608f987e"),
    "trg_sale_closed_void": ("sale", "03068d6efc3a6ddc"),
    "trg_sale_corrects_fixed": ("sale", "203d39a974176027"),
    "trg_sale_guard_update": ("sale", "8c955fd82438df59"),
    "trg_sale_line_closed_insert": ("sale_line", "637ae4be924202c5"),
    "trg_sale_line_guard_update": ("sale_line", "8aa8bff19363cf3d"),
    "trg_sale_line_no_delete": ("sale_line", "b85f309fb0b85282"),
    "trg_sale_line_seal_insert": ("sale_line", "1e72025e05c92ba8"),
    "trg_sale_line_seal_update": ("sale_line", "d9aa4bdd2d8ef526"),
    "trg_sale_line_site_fixed": ("sale_line", "e3f28bd8a5e643bb"),
    "trg_sale_line_uuid_required": ("sale_line", "0abeb4913dba3768"),
    "trg_sale_no_delete": ("sale", "027c1693181be9c2"),
    "trg_sale_seal_insert": ("sale", "24e115a1952c1cf9"),
    "trg_sale_seal_update": ("sale", "26271912c9cf4925"),
    "trg_sale_site_fixed": ("sale", "c7cacac27e5c2266"),
    "trg_seal_no_delete": ("seal", "577af0f0785162fe"),
    "trg_seal_no_update": ("seal", "db7054abe54453a4"),
    "trg_seal_site_fixed": ("seal", "2f518e78199becd0"),
    "trg_seal_uuid_required": ("seal", "2d54c4e5810f5869"),
    "trg_setting_no_delete": ("setting", "f45e901fc3c6a4bc"),
    "trg_setting_seal_delete": ("setting", "56cd6e7336839745"),
    "trg_setting_seal_insert": ("setting", "23d83fdda822e3c5"),
    "trg_setting_seal_update": ("setting", "2c520c8611d00f78"),
    "trg_setting_site_fixed": ("setting", "311643f53c0f1576"),
    "trg_setting_site_id_fixed": ("setting", "bd61d0e31a399944"),
    "trg_setting_uuid_required": ("setting", "19a1359ce4449706"),
    "trg_share_movement_agreement_fixed": ("share_movement", "2782e6bd74726096"),
    "trg_fund_movement_closed_insert": ("fund_movement", "f049bc81281e26a5"),
    "trg_fund_movement_closed_void": ("fund_movement", "5bd2718c8772cded"),
    "trg_fund_movement_guard_update": ("fund_movement", "1e06570ede8f49a8"),
    "trg_fund_movement_no_delete": ("fund_movement", "1a5c1b455bde5f24"),
    "trg_fund_movement_out_within": ("fund_movement", "828b1c6cf64245e7"),
    "trg_fund_movement_reserve_never_out": ("fund_movement", "eb001ed2a0b9403e"),
    "trg_fund_movement_seal_insert": ("fund_movement", "3c7759f4e1065e14"),
    "trg_fund_movement_seal_update": ("fund_movement", "1d162259c226aaa4"),
    "trg_fund_movement_site_fixed": ("fund_movement", "d5efe6c2760757ed"),
    "trg_fund_movement_valid": ("fund_movement", "c6c0204cd6f7cc04"),
    "trg_fund_movement_void_within": ("fund_movement", "b4b6083eaa0b676f"),
    "trg_share_movement_closed_insert": ("share_movement", "cf8f97b0fef2ea5a"),
    "trg_share_movement_closed_void": ("share_movement", "42cdae68fed93306"),
    "trg_share_movement_corrects_fixed": ("share_movement", "ae667f4b946872f2"),
    "trg_share_movement_guard_update": ("share_movement", "3bf50944269f4a97"),
    "trg_share_movement_no_delete": ("share_movement", "c090f057059c3444"),
    "trg_share_movement_paid_within": ("share_movement", "0be49cff231a18e2"),
    "trg_share_movement_returned_within": ("share_movement", "041ae3c652610af9"),
    "trg_share_movement_seal_insert": ("share_movement", "b0866fa71bb3c0f1"),
    "trg_share_movement_site_fixed": ("share_movement", "2613467b84389437"),
    "trg_share_movement_seal_update": ("share_movement", "d6288dcad093af49"),
    "trg_share_movement_void_payment": ("share_movement", "150fc16cedb17149"),
    "trg_share_movement_void_subscription": ("share_movement", "c6cf3aaff44bfe79"),
    "trg_stock_adjustment_closed_insert": ("stock_adjustment", "1295c6b14ce17100"),
    "trg_stock_adjustment_closed_void": ("stock_adjustment", "67409bcc7d50c0f5"),
    "trg_stock_adjustment_guard_update": ("stock_adjustment", "4da4b9d6e6a6eca4"),
    "trg_stock_adjustment_no_delete": ("stock_adjustment", "c41eefe7d36fc511"),
    "trg_stock_adjustment_seal_insert": ("stock_adjustment", "6a090a7abe9d1aac"),
    "trg_stock_adjustment_seal_update": ("stock_adjustment", "574bf188d5190320"),
    "trg_stock_adjustment_site_fixed": ("stock_adjustment", "967db999a255d98b"),
    "trg_supplier_no_delete": ("supplier", "49b8813754bd4cf5"),
    "trg_supplier_seal_delete": ("supplier", "5a391bb8b2c378d7"),
    "trg_supplier_seal_insert": ("supplier", "791147c1150f5866"),
    "trg_supplier_seal_update": ("supplier", "ea6af14fab485c97"),
    "trg_supplier_site_fixed": ("supplier", "0b75eaf2452cab90"),
    "trg_surplus_distribution_closed_insert": ("surplus_distribution", "79b8bf43e5cbd246"),
    "trg_surplus_distribution_guard_update": ("surplus_distribution", "e074485785c27484"),
    "trg_surplus_distribution_no_delete": ("surplus_distribution", "35dbb2303d3a8ed9"),
    "trg_surplus_distribution_seal_insert": ("surplus_distribution", "ce0ab06be10f1710"),
    "trg_surplus_distribution_seal_update": ("surplus_distribution", "13d0da75ccea7786"),
    "trg_surplus_distribution_site_fixed": ("surplus_distribution", "b5fdb842f0bada71"),
    "trg_workday_closed_insert": ("workday", "2b0d0c948bb85eae"),
    "trg_workday_closed_void": ("workday", "42ad42f65f1c9935"),
    "trg_workday_corrects_fixed": ("workday", "6bc7fcc14149d723"),
    "trg_workday_guard_update": ("workday", "98ef6b53ae726bd5"),
    "trg_workday_no_delete": ("workday", "56f4c2d91bd5d810"),
    "trg_workday_seal_insert": ("workday", "efe59a61a1e890b6"),
    "trg_workday_seal_update": ("workday", "e8b4837be6c122b7"),
    "trg_workday_site_fixed": ("workday", "7aa8a019a1bec9f5"),
    "trg_workshop_no_delete": ("workshop", "30bb278fb4cf9557"),
    "trg_workshop_seal_delete": ("workshop", "455e6476b2f28b58"),
    "trg_workshop_seal_insert": ("workshop", "8b14009bfd3deb2e"),
    "trg_workshop_seal_update": ("workshop", "1e8426df93b2b046"),
    "trg_workshop_session_closed_delete": ("workshop_session", "5fe2bb082f49f075"),
    "trg_workshop_session_closed_insert": ("workshop_session", "6466291013568825"),
    "trg_workshop_session_closed_update": ("workshop_session", "03372e96db63ceda"),
    "trg_workshop_session_no_delete": ("workshop_session", "8915d8792cb12c0b"),
    "trg_workshop_session_seal_delete": ("workshop_session", "e246e66abbfd1b2a"),
    "trg_workshop_session_seal_insert": ("workshop_session", "f4c1f6b69de453a6"),
    "trg_workshop_session_seal_update": ("workshop_session", "2d83ae5e2268bc59"),
    "trg_workshop_session_site_fixed": ("workshop_session", "b1d914b2fe207b30"),
    "trg_workshop_site_fixed": ("workshop", "abf9b7b85c7082db"),
    "trg_workshop_uuid_required": ("workshop", "132d512386f6cb98"),
}

#: Index name → (table, digest of its statement).
INDEXES: dict[str, tuple[str, str]] = {
    "ix_assembly_session_day": ("assembly_session", "0468abc48c261729"),
    "ix_attendance_member_id": ("attendance", "6c7ad05e00d5a9d8"),
    "ix_audit_event_uuid": ("audit_event", "e74215d7955220af"),
    "ix_batch_input_batch_id": ("batch_input", "9b1eff9fccce13e4"),
    "ix_batch_input_item_id": ("batch_input", "97ab7f6fc24e8b95"),
    "ix_batch_input_uuid": ("batch_input", "76b5a2c11b865bc7"),
    "ix_closed_month_uuid": ("closed_month", "53ec37b4bda0590f"),
    "ix_expense_day": ("expense", "06deb99ec8f0720e"),
    "ix_member_credit_day": ("member_credit", "7e57f499142e4bb1"),
    "ix_member_credit_member_day": ("member_credit", "fd1744ea6c55e88b"),
    "ix_member_payment_day": ("member_payment", "aad37fba0c888817"),
    "ix_member_payment_member_day": ("member_payment", "c06188bb661bf16c"),
    "ix_payment_receipt_uuid": ("payment_receipt", "d7ed7190f147e075"),
    "ix_production_batch_day": ("production_batch", "e23509e351ffcd47"),
    "ix_production_batch_product_id": ("production_batch", "29db6ba6c8a997c6"),
    "ix_purchase_day": ("purchase", "74324bbac73c307f"),
    "ix_sale_buyer_id": ("sale", "6af9a8a01b041868"),
    "ix_sale_day": ("sale", "1303f9241d00beb4"),
    "ix_sale_line_sale_id": ("sale_line", "bf488113ee66094f"),
    "ix_sale_line_uuid": ("sale_line", "679954c6b1d47201"),
    "ix_seal_uuid": ("seal", "90bcf2d7ba284a90"),
    "ix_setting_uuid": ("setting", "2a6e247584a20b35"),
    "ix_fund_movement_fund_day": ("fund_movement", "1e6d268d6c3925d2"),
    "ix_share_movement_day": ("share_movement", "eb5e3db1d7d30138"),
    "ix_share_movement_member_day": ("share_movement", "922d59f2e1b38062"),
    "ix_stock_adjustment_day": ("stock_adjustment", "6717f3badbf32b7b"),
    "ix_workday_day_member": ("workday", "598208459fccc69b"),
    "ix_workday_live_day_member_fraction": ("workday", "08c38b0600548b67"),
    "ix_workday_live_member_fraction_day": ("workday", "be05139ee973c53e"),
    "ix_workshop_session_held_on": ("workshop_session", "be4beae488511618"),
    "ix_workshop_uuid": ("workshop", "8b4cb7584f21d19e"),
    "uq_purchase_supplier_reference": ("purchase", "33221676c16806a9"),
    "uq_sale_reference": ("sale", "2c3c8d5ca0b21870"),
    "uq_workday_member_day_line": ("workday", "390e49cb29674a74"),
}

def defence_problems(conn) -> list[str]:
    """Return one sentence per trigger or index missing, rewritten or added by hand.

    *conn* answers ``exec_driver_sql``. A file still at an older revision (a backup
    being verified) is not compared: opening it in coopdesk upgrades it and writes the
    head's triggers again.
    """
    from coopdesk.i18n import _

    names = {r[0] for r in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type='table'")}
    if "alembic_version" not in names:
        return []
    version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    if version != REVISION:
        return []
    found = {
        name: (kind, table, digest(sql))
        for kind, name, table, sql in conn.exec_driver_sql(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"
            " WHERE type IN ('trigger', 'index') AND sql IS NOT NULL"
        )
    }
    problems = []
    for kind, expected in (("trigger", TRIGGERS), ("index", INDEXES)):
        for name, (table, sql_digest) in expected.items():
            have = found.get(name)
            if have is None or have[0] != kind:
                text = (_("the protection «{name}» of the table {table} is missing: the file"
                          " was changed outside coopdesk") if kind == "trigger" else
                        _("the index «{name}» of the table {table} is missing: the file was"
                          " changed outside coopdesk"))
                problems.append(text.format(name=name, table=table))
            elif have[1:] != (table, sql_digest):
                text = (_("the protection «{name}» of the table {table} was rewritten: the"
                          " file was changed outside coopdesk") if kind == "trigger" else
                        _("the index «{name}» of the table {table} was rewritten: the file"
                          " was changed outside coopdesk"))
                problems.append(text.format(name=name, table=table))
    for name, (kind, table, _digest) in sorted(found.items()):
        if kind == "trigger" and name not in TRIGGERS:
            problems.append(
                _("the table {table} has a trigger «{name}» that coopdesk does not make: the"
                  " file was changed outside coopdesk").format(name=name, table=table))
    return problems
