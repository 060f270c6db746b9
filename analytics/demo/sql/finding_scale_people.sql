-- Scale generator, step 1: everyone the synthetic district or city knows, one row per person, from blocks of
-- (kind, count, birth range, sequence band). Birth day = a permutation of the block index over the range and the
-- 3-digit sequence = band + index div range, so (birth day, sequence) never repeats: IDs are unique by construction.
with block as (
    select
        unnest($kinds) as kind,
        unnest($counts) as n,
        unnest($first_index) as first_i,
        unnest($born_from) as born_from,
        unnest($born_span) as span,
        unnest($seq_band) as band
),

slot as (
    select kind, first_i, born_from, span, band, unnest(range(n)) as j
    from block
),

placed as (
    select
        first_i + j as i,
        kind,
        j,
        born_from + cast((j * 7919) % span as integer) as birth,
        band + j // span as seq,
        -- a 低保 household has three slots and one to three members; its head is the first slot
        case when kind = 'dibao' then j // 3 end as household,
        case when kind = 'dibao' then first_i + (j // 3) * 3 end as head_i,
        cast(hash($seed, kind, case when kind = 'dibao' then j // 3 else j end, 'village') % $village_count as integer)
            as v
    from slot
    where kind <> 'dibao' or j % 3 < 1 + hash($seed, 'size', j // 3) % 3
),

coded as (
    select
        *,
        case when year(birth) >= 2012 or hash($seed, i, 'area') % 10 = 0 then '500151' else '500224' end
            || strftime(birth, '%Y%m%d') || lpad(cast(seq as varchar), 3, '0') as body
    from placed
),

final as (
    select
        i,
        kind,
        j,
        birth,
        household,
        head_i,
        v,
        body || substr('10X98765432', 1 + cast(list_sum(list_transform(range(1, 18),
            lambda k: cast(substr(body, k, 1) as integer)
                      * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][k])) % 11
            as integer), 1) as person_id,
        $surnames[1 + cast(hash($seed, i, 'surname') % len($surnames) as integer)]
            || $given[1 + cast(hash($seed, i, 'given') % len($given) as integer)] as name,
        '6231' || lpad(cast(i as varchar), 14, '0') as account,
        cast(hash($seed, i, 'plant') % $plant_rate as integer) as plant
    from coded
)

select * from final
