import { runAll, type CrmMigration } from './types.js';

/**
 * The screen pop as a PL/pgSQL function. The query itself runs in ~0.3 ms, but planning its
 * six subqueries costs more than that on every call; PL/pgSQL keeps the plan per connection, so
 * a lookup pays for execution only. (A named prepared statement would do the same, but PGlite
 * serves every socket from one session, where statement names would collide.)
 */
export const m0007ScreenPop: CrmMigration = {
  name: '0007_screen_pop',
  up: (knex) =>
    runAll(knex, [
      `create function crm_screen_pop(p_e164 text) returns json
       language plpgsql stable as $fn$
       declare
         result json;
       begin
         select json_build_object(
           'customer', to_json(c),
           'phones', coalesce((
             select json_agg(json_build_object('e164', p.e164, 'label', p.label) order by p.id)
               from customer_phones p where p.customer_id = c.id), '[]'),
           'accounts', coalesce((
             select json_agg(json_build_object(
                      'id', a.id, 'customer_id', a.customer_id, 'account_number', a.account_number,
                      'balance', a.balance::text, 'currency', a.currency,
                      'due_date', a.due_date::text,
                      'last_payment_amount', a.last_payment_amount::text,
                      'last_payment_at', a.last_payment_at) order by a.id)
               from accounts a where a.customer_id = c.id), '[]'),
           'strategy', (select to_json(s) from service_strategies s where s.tier = c.tier),
           'last_interactions', coalesce((
             select json_agg(i order by i.arrived_at desc, i.id desc)
               from (select * from interactions where customer_id = c.id
                      order by arrived_at desc, id desc limit 5) i), '[]'),
           'open_complaints', coalesce((
             select json_agg(x order by x.due_at) from complaints x
              where x.customer_id = c.id and x.status in ('open', 'in_progress')), '[]'),
           'pending_callbacks', coalesce((
             select json_agg(b order by b.window_start) from callbacks b
              where b.customer_id = c.id
                and b.status in ('pending', 'scheduled', 'dialing')), '[]'))
           into result
           from customer_phones cp join customers c on c.id = cp.customer_id
          where cp.e164 = p_e164;
         return result;
       end
       $fn$`,
    ]),
  down: (knex) => runAll(knex, ['drop function crm_screen_pop(text)']),
};
