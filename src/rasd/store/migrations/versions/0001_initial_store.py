"""The initial store: sources, documents, events, incidents, people and the audit log.

Revision ID: 0001
Revises: (none)
Create Date: 2026-12-03 15:23:51.371974
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('target', sa.String(length=200), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    op.create_table('incidents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('grade', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_grade'), ['grade'], unique=False)

    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pseudonym', sa.String(length=40), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('pseudonym')
    )
    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('store_meta',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_key', sa.String(length=500), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('origin', sa.Text(), nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ingested_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sha256')
    )
    op.create_table('incident_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('grade', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('incident_id', 'revision')
    )
    with op.batch_alter_table('incident_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_revisions_incident_id'), ['incident_id'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_key', sa.String(length=200), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.String(length=10), nullable=False),
    sa.Column('geonameid', sa.Integer(), nullable=True),
    sa.Column('place_name', sa.String(length=300), nullable=True),
    sa.Column('place_name_ar', sa.String(length=300), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('admin1', sa.String(length=200), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.String(length=10), nullable=True),
    sa.Column('certainty', sa.String(length=20), nullable=False),
    sa.Column('actor1', sa.String(length=100), nullable=True),
    sa.Column('actor2', sa.String(length=100), nullable=True),
    sa.Column('killed', sa.Integer(), nullable=True),
    sa.Column('injured', sa.Integer(), nullable=True),
    sa.Column('people', sa.Integer(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_key')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_admin1'), ['admin1'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_date_start'), ['date_start'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_type'), ['type'], unique=False)

    op.create_table('event_people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_id', 'person_id', 'role')
    )
    with op.batch_alter_table('event_people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_people_event_id'), ['event_id'], unique=False)

    op.create_table('event_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_id', 'revision')
    )
    with op.batch_alter_table('event_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_revisions_event_id'), ['event_id'], unique=False)

    op.create_table('incident_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('incident_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_links_event_id'), ['event_id'], unique=False)
        batch_op.create_index('ix_incident_links_pair', ['incident_id', 'event_id'], unique=False)

    op.create_table('link_vetoes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_a', sa.Integer(), nullable=False),
    sa.Column('event_b', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['event_a'], ['events.id'], ),
    sa.ForeignKeyConstraint(['event_b'], ['events.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_a', 'event_b')
    )


def downgrade() -> None:
    op.drop_table('link_vetoes')
    with op.batch_alter_table('incident_links', schema=None) as batch_op:
        batch_op.drop_index('ix_incident_links_pair')
        batch_op.drop_index(batch_op.f('ix_incident_links_event_id'))

    op.drop_table('incident_links')
    with op.batch_alter_table('event_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_revisions_event_id'))

    op.drop_table('event_revisions')
    with op.batch_alter_table('event_people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_people_event_id'))

    op.drop_table('event_people')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_type'))
        batch_op.drop_index(batch_op.f('ix_events_state'))
        batch_op.drop_index(batch_op.f('ix_events_document_id'))
        batch_op.drop_index(batch_op.f('ix_events_date_start'))
        batch_op.drop_index(batch_op.f('ix_events_admin1'))

    op.drop_table('events')
    with op.batch_alter_table('incident_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_revisions_incident_id'))

    op.drop_table('incident_revisions')
    op.drop_table('documents')
    op.drop_table('store_meta')
    op.drop_table('sources')
    op.drop_table('people')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incidents_grade'))

    op.drop_table('incidents')
    op.drop_table('audit_log')
