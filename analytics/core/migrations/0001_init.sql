-- 0001: the import batches, one live and one archive table per dataset, quarantine and problems.
-- Dataset columns follow analytics/contract.py; tests/test_store.py checks they agree.

create sequence batch_id_seq start 1;
create sequence event_id_seq start 1;

create table import_batch (
    batch_id bigint primary key,
    file_name varchar not null,
    sha256 varchar not null,
    size_bytes bigint not null,
    kind varchar not null,
    program varchar,
    period date,
    sheets varchar,
    villages varchar,
    uploaded_by varchar not null,
    uploaded_at timestamp not null,
    rows_read integer not null,
    rows_imported integer not null,
    rows_quarantined integer not null,
    strict boolean not null
);

-- every change of which rows are live: 导入 (import), 恢复 (restore of a replaced batch), 撤销 (undo of an import/restore)
create table batch_event (
    event_id bigint primary key,
    batch_id bigint not null,
    action varchar not null,
    undoes bigint,
    done_by varchar not null,
    done_at timestamp not null,
    rows_in integer not null,
    rows_out integer not null
);

create table quarantine (
    batch_id bigint not null,
    kind varchar not null,
    sheet varchar,
    row_no integer not null,
    raw varchar not null,
    reasons varchar not null
);

create table import_problem (
    batch_id bigint not null,
    sheet varchar,
    row_no integer,
    column_name varchar,
    value varchar,
    message varchar not null,
    level varchar not null
);

-- 救助对象名册
create table roster (
    batch_id bigint not null,
    sheet varchar,
    row_no integer not null,
    person_id varchar,
    name varchar,
    village varchar,
    program varchar,
    monthly_amount decimal(12,2),
    period date,
    household_id varchar,
    head_id varchar,
    head_name varchar,
    household_size integer,
    sub_type varchar,
    disability_level varchar,
    start_date date,
    end_date date,
    status varchar,
    bank_account varchar,
    bank_name varchar,
    group_name varchar,
    batch_period date
);

create table roster_archive (
    batch_id bigint,
    sheet varchar,
    row_no integer,
    person_id varchar,
    name varchar,
    village varchar,
    program varchar,
    monthly_amount decimal(12,2),
    period date,
    household_id varchar,
    head_id varchar,
    head_name varchar,
    household_size integer,
    sub_type varchar,
    disability_level varchar,
    start_date date,
    end_date date,
    status varchar,
    bank_account varchar,
    bank_name varchar,
    group_name varchar,
    batch_period date,
    archived_by bigint not null,
    archived_at timestamp not null
);

-- 资金发放明细
create table payments (
    batch_id bigint not null,
    sheet varchar,
    row_no integer not null,
    period date,
    person_id varchar,
    name varchar,
    program varchar,
    amount decimal(12,2),
    paid_date date,
    village varchar,
    head_id varchar,
    head_name varchar,
    payee_id varchar,
    payee_name varchar,
    bank_account varchar,
    bank_name varchar,
    method varchar,
    filing_no varchar,
    note varchar,
    batch_period date
);

create table payments_archive (
    batch_id bigint,
    sheet varchar,
    row_no integer,
    period date,
    person_id varchar,
    name varchar,
    program varchar,
    amount decimal(12,2),
    paid_date date,
    village varchar,
    head_id varchar,
    head_name varchar,
    payee_id varchar,
    payee_name varchar,
    bank_account varchar,
    bank_name varchar,
    method varchar,
    filing_no varchar,
    note varchar,
    batch_period date,
    archived_by bigint not null,
    archived_at timestamp not null
);

-- 代领协议
create table proxy_agreements (
    batch_id bigint not null,
    sheet varchar,
    row_no integer not null,
    person_id varchar,
    name varchar,
    proxy_name varchar,
    proxy_id varchar,
    relation varchar,
    signed_date date,
    filed_date date,
    valid_until date
);

create table proxy_agreements_archive (
    batch_id bigint,
    sheet varchar,
    row_no integer,
    person_id varchar,
    name varchar,
    proxy_name varchar,
    proxy_id varchar,
    relation varchar,
    signed_date date,
    filed_date date,
    valid_until date,
    archived_by bigint not null,
    archived_at timestamp not null
);

-- 工作人员及近亲属
create table staff (
    batch_id bigint not null,
    sheet varchar,
    row_no integer not null,
    person_id varchar,
    name varchar,
    unit varchar,
    role varchar,
    kind varchar,
    related_staff_id varchar,
    relation varchar
);

create table staff_archive (
    batch_id bigint,
    sheet varchar,
    row_no integer,
    person_id varchar,
    name varchar,
    unit varchar,
    role varchar,
    kind varchar,
    related_staff_id varchar,
    relation varchar,
    archived_by bigint not null,
    archived_at timestamp not null
);

-- 比对名单
create table crosscheck (
    batch_id bigint not null,
    sheet varchar,
    row_no integer not null,
    person_id varchar,
    name varchar,
    source varchar,
    event_date date,
    detail varchar
);

create table crosscheck_archive (
    batch_id bigint,
    sheet varchar,
    row_no integer,
    person_id varchar,
    name varchar,
    source varchar,
    event_date date,
    detail varchar,
    archived_by bigint not null,
    archived_at timestamp not null
);

-- 摸排对象
create table potential (
    batch_id bigint not null,
    sheet varchar,
    row_no integer not null,
    person_id varchar,
    name varchar,
    village varchar,
    program varchar,
    basis varchar
);

create table potential_archive (
    batch_id bigint,
    sheet varchar,
    row_no integer,
    person_id varchar,
    name varchar,
    village varchar,
    program varchar,
    basis varchar,
    archived_by bigint not null,
    archived_at timestamp not null
);

-- 走访记录
create table visits (
    batch_id bigint not null,
    sheet varchar,
    row_no integer not null,
    person_id varchar,
    name varchar,
    visit_date date,
    visitor varchar,
    note varchar,
    village varchar,
    batch_period date
);

create table visits_archive (
    batch_id bigint,
    sheet varchar,
    row_no integer,
    person_id varchar,
    name varchar,
    visit_date date,
    visitor varchar,
    note varchar,
    village varchar,
    batch_period date,
    archived_by bigint not null,
    archived_at timestamp not null
);

-- 供养机构台账
create table institutions (
    batch_id bigint not null,
    sheet varchar,
    row_no integer not null,
    name varchar,
    legal_registration varchar,
    fire_approval varchar,
    property_right varchar,
    catering_licence varchar,
    finance_rules varchar,
    caregivers integer,
    residents integer,
    checked_on date
);

create table institutions_archive (
    batch_id bigint,
    sheet varchar,
    row_no integer,
    name varchar,
    legal_registration varchar,
    fire_approval varchar,
    property_right varchar,
    catering_licence varchar,
    finance_rules varchar,
    caregivers integer,
    residents integer,
    checked_on date,
    archived_by bigint not null,
    archived_at timestamp not null
);

-- 问题台账
create table issues (
    batch_id bigint not null,
    sheet varchar,
    row_no integer not null,
    issue_no varchar,
    village varchar,
    focus varchar,
    category varchar,
    description varchar,
    origin varchar,
    found_date date,
    persons varchar,
    amount decimal(12,2),
    responsible_unit varchar,
    responsible_person varchar,
    measures varchar,
    deadline date,
    status varchar,
    closed_date date,
    recovered decimal(12,2),
    referred varchar,
    evidence varchar,
    note varchar
);

create table issues_archive (
    batch_id bigint,
    sheet varchar,
    row_no integer,
    issue_no varchar,
    village varchar,
    focus varchar,
    category varchar,
    description varchar,
    origin varchar,
    found_date date,
    persons varchar,
    amount decimal(12,2),
    responsible_unit varchar,
    responsible_person varchar,
    measures varchar,
    deadline date,
    status varchar,
    closed_date date,
    recovered decimal(12,2),
    referred varchar,
    evidence varchar,
    note varchar,
    archived_by bigint not null,
    archived_at timestamp not null
);
