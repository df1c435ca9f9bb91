"""Initial schema: every table of the data model (0001).

Revision ID: 0001
Revises:
Create Date: 2026-11-22 13:33:11.556623
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import operator_app.data.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "hook",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("prior_reply_rate", sa.Float(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("params", operator_app.data.types.JSONDoc, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hook")),
        sa.UniqueConstraint("key", name=op.f("uq_hook_key")),
    )
    op.create_table(
        "team",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
        sa.UniqueConstraint("name", name=op.f("uq_team_name")),
    )
    op.create_table(
        "lifecycle_stage",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_lifecycle_stage_team_id_team")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lifecycle_stage")),
        sa.UniqueConstraint("team_id", "key", name=op.f("uq_lifecycle_stage_team_id_key")),
    )
    op.create_table(
        "operator",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "role IN ('operator', 'team_lead', 'admin')", name=op.f("ck_operator_role")
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_operator_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operator")),
        sa.UniqueConstraint("login", name=op.f("uq_operator_login")),
    )
    with op.batch_alter_table("operator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_operator_team_id"), ["team_id"], unique=False)

    op.create_table(
        "setting",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", operator_app.data.types.JSONDoc, nullable=True),
        sa.Column("description", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_setting_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_setting")),
        sa.UniqueConstraint("team_id", "key", name=op.f("uq_setting_team_id_key")),
    )
    op.create_table(
        "tag",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("color", sa.String(), nullable=False),
        sa.Column("rule", operator_app.data.types.JSONDoc, nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_tag_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("team_id", "name", name=op.f("uq_tag_team_id_name")),
    )
    op.create_table(
        "template",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("hook_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("purpose", sa.String(), nullable=False),
        sa.Column("customer_thinks", sa.String(), nullable=False),
        sa.Column("desired_reply", sa.String(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["hook_id"], ["hook.id"], name=op.f("fk_template_hook_id_hook")),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_template_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_template")),
        sa.UniqueConstraint("team_id", "key", name=op.f("uq_template_team_id_key")),
    )
    with op.batch_alter_table("template", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_template_hook_id"), ["hook_id"], unique=False)

    op.create_table(
        "lead",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("channel", sa.String(), nullable=True),
        sa.Column("stage_id", sa.Uuid(), nullable=True),
        sa.Column("friend_status", sa.String(), nullable=False),
        sa.Column("friend_requested_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("friend_added_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("birthday", sa.Date(), nullable=True),
        sa.Column("city", sa.String(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("next_follow_up_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("opted_out_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("created_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "friend_status IN ('not_sent', 'pending', 'accepted')",
            name=op.f("ck_lead_friend_status"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["operator.id"], name=op.f("fk_lead_owner_id_operator")
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"], ["lifecycle_stage.id"], name=op.f("fk_lead_stage_id_lifecycle_stage")
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_lead_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead")),
        sa.UniqueConstraint("team_id", "phone", name=op.f("uq_lead_team_id_phone")),
    )
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.create_index(
            "ix_lead_owner_follow_up", ["owner_id", "next_follow_up_at"], unique=False
        )

    op.create_table(
        "template_line",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("template_id", sa.Uuid(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["template_id"], ["template.id"], name=op.f("fk_template_line_template_id_template")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_template_line")),
        sa.UniqueConstraint(
            "template_id", "line_no", name=op.f("uq_template_line_template_id_line_no")
        ),
    )
    op.create_table(
        "contact_event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("lead_id", sa.Uuid(), nullable=False),
        sa.Column("operator_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("occurred_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("hook_key", sa.String(), nullable=True),
        sa.Column("template_id", sa.Uuid(), nullable=True),
        sa.Column("line_no", sa.Integer(), nullable=True),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("payload", operator_app.data.types.JSONDoc, nullable=False),
        sa.Column("device_id", sa.String(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('sent_line', 'custom_message', 'replied', 'no_reply', 'ordered', 'added_wechat', 'joined_group', 'opted_out', 'stage_change', 'note', 'reassigned', 'friend_request_sent', 'friend_added', 'phone_revealed')",
            name=op.f("ck_contact_event_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["lead.id"], name=op.f("fk_contact_event_lead_id_lead")
        ),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["operator.id"], name=op.f("fk_contact_event_operator_id_operator")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_contact_event_team_id_team")
        ),
        sa.ForeignKeyConstraint(
            ["template_id"], ["template.id"], name=op.f("fk_contact_event_template_id_template")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_event")),
    )
    with op.batch_alter_table("contact_event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contact_event_lead_occurred", ["lead_id", "occurred_at"], unique=False
        )
        batch_op.create_index(
            "ix_contact_event_operator_occurred", ["operator_id", "occurred_at"], unique=False
        )
        batch_op.create_index(
            "ix_contact_event_template_line", ["template_id", "line_no"], unique=False
        )

    op.create_table(
        "coupon",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("lead_id", sa.Uuid(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=10, scale=2, asdecimal=False), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("issued_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("expires_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("used_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["lead_id"], ["lead.id"], name=op.f("fk_coupon_lead_id_lead")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coupon")),
    )
    with op.batch_alter_table("coupon", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coupon_lead_id"), ["lead_id"], unique=False)

    op.create_table(
        "lead_tag",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("lead_id", sa.Uuid(), nullable=False),
        sa.Column("tag_id", sa.Uuid(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.CheckConstraint("source IN ('manual', 'rule')", name=op.f("ck_lead_tag_source")),
        sa.ForeignKeyConstraint(["lead_id"], ["lead.id"], name=op.f("fk_lead_tag_lead_id_lead")),
        sa.ForeignKeyConstraint(["tag_id"], ["tag.id"], name=op.f("fk_lead_tag_tag_id_tag")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_tag")),
        sa.UniqueConstraint("lead_id", "tag_id", name=op.f("uq_lead_tag_lead_id_tag_id")),
    )
    with op.batch_alter_table("lead_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lead_tag_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "sales_order",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("lead_id", sa.Uuid(), nullable=False),
        sa.Column("order_no", sa.String(), nullable=False),
        sa.Column("product", sa.String(), nullable=True),
        sa.Column("amount", sa.Numeric(precision=12, scale=2, asdecimal=False), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("is_first_order", sa.Boolean(), nullable=False),
        sa.Column("ordered_at", operator_app.data.types.UTCDateTime(), nullable=False),
        sa.Column("shipped_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("arrived_city_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("signed_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("refunded_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.Column("closed_at", operator_app.data.types.UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending_shipment', 'shipped', 'arrived_city', 'signed', 'refunded', 'closed')",
            name=op.f("ck_sales_order_status"),
        ),
        sa.ForeignKeyConstraint(["lead_id"], ["lead.id"], name=op.f("fk_sales_order_lead_id_lead")),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_sales_order_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_order")),
        sa.UniqueConstraint("team_id", "order_no", name=op.f("uq_sales_order_team_id_order_no")),
    )
    with op.batch_alter_table("sales_order", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sales_order_lead_id"), ["lead_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("sales_order", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sales_order_lead_id"))

    op.drop_table("sales_order")
    with op.batch_alter_table("lead_tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lead_tag_tag_id"))

    op.drop_table("lead_tag")
    with op.batch_alter_table("coupon", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coupon_lead_id"))

    op.drop_table("coupon")
    with op.batch_alter_table("contact_event", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_event_template_line")
        batch_op.drop_index("ix_contact_event_operator_occurred")
        batch_op.drop_index("ix_contact_event_lead_occurred")

    op.drop_table("contact_event")
    op.drop_table("template_line")
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.drop_index("ix_lead_owner_follow_up")

    op.drop_table("lead")
    with op.batch_alter_table("template", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_template_hook_id"))

    op.drop_table("template")
    op.drop_table("tag")
    op.drop_table("setting")
    with op.batch_alter_table("operator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_operator_team_id"))

    op.drop_table("operator")
    op.drop_table("lifecycle_stage")
    op.drop_table("team")
    op.drop_table("hook")
