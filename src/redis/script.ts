/**
 * The Redis store's one Lua script: every operation of the lockout ledger
 * (docs/rules.md#lockout) in one round trip, atomic because Redis runs a
 * script to completion before anything else. It is the pure functions of
 * `src/lockout/ledger.ts` — refresh, admit, settle, lock doubling, pruning —
 * written again where the data lives; the differential property test
 * (test/redis/differential.test.ts) holds the two to the same answers and
 * the same stored entries.
 *
 * The script decides and writes; it answers with the clock it used and the
 * entries as they were before, and the store computes the answer objects
 * from those with the pure functions themselves.
 *
 * Layout (keys.ts): one string per scope key holding its `ScopeEntry` as
 * JSON, with a TTL past the last moment the entry matters; one sorted set
 * per account indexing its entries by when they expire (for `list` and
 * `unblock`); every key of an account in one hash slot.
 */
import { createHash } from 'node:crypto';

/**
 * KEYS[1] the account's index, KEYS[2] its 0.1.0 key (or the index again),
 * KEYS[3..] the subject's scope keys (line operations).
 *
 * Line operations (`admit`, `settle`, `status`): ARGV = op, at ('' = TIME),
 * check the 0.1.0 key ('1'/'0'), windowMinutes, unlockAfterMinutes ('' =
 * null), admission id, hit ('1'/'0'), accountId, then per scope key: its
 * index member, kind, trunkId ('' = null), callerId ('' = null), limit,
 * daily limit.
 *
 * Account operations (`list`, `unblock`, `reset`): ARGV = op, at, check,
 * windowMinutes, accountId, key base, target kind, trunkId, callerId.
 *
 * `migrate`: ARGV = op, at, '1', windowMinutes, accountId, key base, the
 * 0.1.0 value as read, then per entry: member, entry JSON.
 *
 * Replies: { 'ok' | 'invalid', now, ...values } (now: the request's time as
 * sent, or TIME's milliseconds as an integer) — for line operations the
 * scope keys' values before the operation, for account operations member
 * and value pairs; { 'legacy', now, value } when the 0.1.0 key must be
 * migrated first; { 'changed' } when `migrate` found it changed.
 *
 * Index upkeep (comments here, not in the script: it travels as text), all a
 * write costs beyond its SET: a new member prunes the members that expired
 * and sets the index's expiry from its latest member (the new member alone:
 * no pruning to do, no need to read the latest); an existing one only
 * lengthens that expiry when it would end too soon (a persistent index, PTTL
 * -1, holds a member without end), and then by MARGIN (an hour, 3600000 ms)
 * more than it needs, so most writes need no PEXPIRE; a removed one is
 * removed (Redis deletes an index left empty). So the index outlives its
 * latest member by SLACK (a minute, 60000 ms: 3660000 is both) at least and
 * SLACK + MARGIN at most.
 *
 * Speed (docs/performance.md): the script runs on every admit and settle, so
 * its constants are literals and its line operations build no table they do
 * not use (Lua 5.1 creates every closure and upvalue anew on each call).
 */
export const LEDGER_SCRIPT = `
local NULL = cjson.null
local op, at, check = ARGV[1], ARGV[2], ARGV[3]
local window = tonumber(ARGV[4]) * 60000

local t = redis.call('TIME')
local real = t[1] * 1000 + math.floor(t[2] / 1000)
local now, nowText = real, real
if at ~= '' then now, nowText = tonumber(at), at end

-- Encoding: the entry's JSON, every number exact.
local function num(n) return string.format('%.17g', n) end
local function nullable(s) if s == nil then return 'null' end return cjson.encode(s) end
local function encode(e)
  local parts = {}
  for i, f in ipairs(e.failures) do
    parts[i] = '{"id":' .. cjson.encode(f.id) .. ',"at":' .. num(f.at) .. ',"settled":' .. tostring(f.settled) .. '}'
  end
  local lock = 'null'
  if e.lock then
    lock = '{"at":' .. num(e.lock.at) .. ',"until":' .. (e.lock.till and num(e.lock.till) or 'null')
      .. ',"minutes":' .. (e.lock.minutes and num(e.lock.minutes) or 'null') .. '}'
  end
  local daily = 'null'
  if e.daily then daily = '{"at":' .. num(e.daily.at) .. ',"until":' .. num(e.daily.till) .. '}' end
  local k = e.key
  return '{"key":{"accountId":' .. nullable(k.accountId) .. ',"kind":"' .. k.kind .. '"'
    .. ',"trunkId":' .. nullable(k.trunkId) .. ',"callerId":' .. nullable(k.callerId)
    .. '},"failures":[' .. table.concat(parts, ',') .. '],"lock":' .. lock .. ',"dailyLock":' .. daily .. '}'
end

-- Decoding: an entry as ledger.ts checks it (entryProblem), or nil.
local function finite(v) return type(v) == 'number' and v == v and v ~= math.huge and v ~= -math.huge end
local function opt(v) if v == NULL then return nil end return v end
local function id(v) return v == NULL or (type(v) == 'string' and v ~= '') end
local function member(k)
  if k.kind == 'trunk' then return 'trunk:' .. k.trunkId end
  if k.kind == 'account' then return 'account' end
  return 'caller:' .. (k.trunkId or '') .. ':' .. (k.callerId or '')
end
local function decode(raw, want)
  local ok, v = pcall(cjson.decode, raw)
  if not ok or type(v) ~= 'table' or type(v.key) ~= 'table' or type(v.failures) ~= 'table' then return nil end
  local k = v.key
  if not (id(k.accountId) and id(k.trunkId) and id(k.callerId)) then return nil end
  if k.kind ~= 'trunk' and k.kind ~= 'caller' and k.kind ~= 'account' then return nil end
  local key = { accountId = opt(k.accountId), kind = k.kind, trunkId = opt(k.trunkId), callerId = opt(k.callerId) }
  if key.accountId ~= want.accountId or member(key) ~= want.member then return nil end
  if want.kind and (key.kind ~= want.kind or key.trunkId ~= want.trunkId or key.callerId ~= want.callerId) then return nil end
  local failures = {}
  for i, f in ipairs(v.failures) do
    if type(f) ~= 'table' or type(f.id) ~= 'string' or not finite(f.at) or type(f.settled) ~= 'boolean' then return nil end
    failures[i] = f
  end
  local lock = nil
  if v.lock ~= NULL then
    local l = v.lock
    if type(l) ~= 'table' or not finite(l.at) then return nil end
    if l['until'] == NULL then
      if l.minutes ~= NULL then return nil end
    elseif not (finite(l['until']) and finite(l.minutes)) then return nil end
    lock = { at = l.at, till = opt(l['until']), minutes = opt(l.minutes) }
  end
  -- 0.1.0's entries have no dailyLock: none.
  local daily = nil
  if v.dailyLock ~= nil and v.dailyLock ~= NULL then
    local d = v.dailyLock
    if type(d) ~= 'table' or not finite(d.at) or not finite(d['until']) then return nil end
    daily = { at = d.at, till = d['until'] }
  end
  return { key = key, failures = failures, lock = lock, daily = daily }
end

-- The pure functions (ledger.ts): refresh, the two counts, the locks, worthKeeping.
local function isWindowLocked(e) return e.lock ~= nil and (e.lock.till == nil or now < e.lock.till) end
local function isDailyLocked(e) return e.daily ~= nil and now < e.daily.till end
local function isLocked(e) return isWindowLocked(e) or isDailyLocked(e) end
local function refresh(e)
  local horizon = now - math.max(window, 86400000)
  local kept = {}
  for _, f in ipairs(e.failures) do
    if f.at > horizon then kept[#kept + 1] = f end
  end
  local daily = nil
  if isDailyLocked(e) then daily = e.daily end
  return { key = e.key, failures = kept, lock = e.lock, daily = daily }
end
-- A window lock that ended by time cleared the window's failures before its end.
local function windowCount(e)
  local cleared = -math.huge
  if e.lock and e.lock.till and now >= e.lock.till then cleared = e.lock.till end
  local start, n = now - window, 0
  for _, f in ipairs(e.failures) do
    if f.at > start and f.at >= cleared then n = n + 1 end
  end
  return n
end
local function dailyFailures(e)
  local start, today = now - 86400000, {}
  for _, f in ipairs(e.failures) do
    if f.at > start then today[#today + 1] = f end
  end
  return today
end
local function newLock(previous, base)
  if base == nil then return { at = now } end
  local minutes = base
  if previous and previous.till and previous.minutes and now - previous.till < 86400000 then
    minutes = math.min(10080, math.max(base, 2 * previous.minutes))
  end
  return { at = now, till = now + minutes * 60000, minutes = minutes }
end
local function worthKeeping(e)
  if #e.failures > 0 or isLocked(e) then return true end
  return e.lock ~= nil and e.lock.till ~= nil and now - e.lock.till < 86400000
end
local function find(e, wanted)
  for i, f in ipairs(e.failures) do if f.id == wanted then return i, f end end
  return nil, nil
end

-- Writing: the entry with a TTL past its last moment of interest, indexed by
-- when it expires (Redis's own clock: a TTL runs on it); none when an
-- administrator must unlock.
local index = KEYS[1]
local function tidyIndex()
  redis.call('ZREMRANGEBYSCORE', index, '-inf', '(' .. num(real))
  local top = redis.call('ZRANGE', index, -1, -1, 'WITHSCORES')
  if top[2] == nil then return end
  if top[2] == 'inf' then redis.call('PERSIST', index)
  else redis.call('PEXPIRE', index, math.max(1, math.ceil(tonumber(top[2]) - real + 60000 + 3600000))) end
end
local function write(name, m, e)
  if not worthKeeping(e) then
    redis.call('DEL', name)
    redis.call('ZREM', index, m)
    return
  end
  -- Failures count until the later of their window and their 24 hours; a window
  -- lock is remembered 24 hours after its end (doubling); a daily lock until its end.
  local last = -math.huge
  for _, f in ipairs(e.failures) do last = math.max(last, f.at + math.max(window, 86400000)) end
  if e.lock then
    if e.lock.till == nil then last = math.huge else last = math.max(last, e.lock.till + 86400000) end
  end
  if e.daily then last = math.max(last, e.daily.till) end
  if last == math.huge then
    redis.call('SET', name, encode(e))
    if redis.call('ZADD', index, 'inf', m) == 1 then
      redis.call('ZREMRANGEBYSCORE', index, '-inf', '(' .. num(real))
    end
    redis.call('PERSIST', index)
    return
  end
  local ttl = math.max(1, math.ceil(last - now + 60000))
  redis.call('SET', name, encode(e), 'PX', ttl)
  if redis.call('ZADD', index, num(real + ttl), m) == 1 then
    if redis.call('ZCARD', index) > 1 then return tidyIndex() end
    redis.call('PEXPIRE', index, ttl + 3660000)
    return
  end
  local left = redis.call('PTTL', index)
  if left ~= -1 and left < ttl + 60000 then
    redis.call('PEXPIRE', index, ttl + 60000 + 3600000)
  end
end

if check == '1' and op ~= 'migrate' and op ~= 'reset' and redis.call('EXISTS', KEYS[2]) == 1 then
  return { 'legacy', nowText, redis.call('GET', KEYS[2]) }
end

if op == 'admit' or op == 'settle' or op == 'status' then
  local base = ARGV[5] ~= '' and tonumber(ARGV[5]) or nil
  local admission, hit, accountId = ARGV[6], ARGV[7] == '1', ARGV[8]
  -- Scope j's arguments start at ARGV[6j + 3]: member, kind, trunkId, callerId, limit, daily limit.
  local reply, entries = { 'ok', nowText }, {}
  for i = 3, #KEYS do
    local a = 6 * i - 9
    local kind, trunkId, callerId = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3]
    if trunkId == '' then trunkId = nil end
    if callerId == '' then callerId = nil end
    local raw = redis.call('GET', KEYS[i])
    reply[i] = raw
    if raw then
      local e = decode(raw, { accountId = accountId, member = ARGV[a], kind = kind, trunkId = trunkId, callerId = callerId })
      if e == nil then reply[1] = 'invalid' else entries[i - 2] = refresh(e) end
    else
      entries[i - 2] = { key = { accountId = accountId, kind = kind, trunkId = trunkId, callerId = callerId }, failures = {} }
    end
  end
  if reply[1] == 'invalid' or op == 'status' then return reply end

  if op == 'admit' then
    for _, e in ipairs(entries) do if isLocked(e) then return reply end end
    local all = true
    for _, e in ipairs(entries) do
      local _, f = find(e, admission)
      if f and f.settled then return reply end
      if not f then all = false end
    end
    if all then return reply end
    for i, e in ipairs(entries) do
      if windowCount(e) >= tonumber(ARGV[6 * i + 7]) or #dailyFailures(e) >= tonumber(ARGV[6 * i + 8]) then return reply end
    end
    for i, e in ipairs(entries) do
      if not find(e, admission) then e.failures[#e.failures + 1] = { id = admission, at = now, settled = false } end
    end
  else
    local recorded = false
    for i, e in ipairs(entries) do
      local at = nil
      for j, f in ipairs(e.failures) do
        if f.id == admission and not f.settled then at = j break end
      end
      if at then
        recorded = true
        if hit then
          table.remove(e.failures, at)
        else
          e.failures[at] = { id = admission, at = e.failures[at].at, settled = true }
          local today = dailyFailures(e)
          local windowReached = not isWindowLocked(e) and windowCount(e) >= tonumber(ARGV[6 * i + 7])
          local dailyReached = not isDailyLocked(e) and #today >= tonumber(ARGV[6 * i + 8])
          if windowReached then e.lock = newLock(e.lock, base) end
          if dailyReached then
            -- The oldest failure of the 24 hours leaves the daily count first.
            local oldest = math.huge
            for _, f in ipairs(today) do oldest = math.min(oldest, f.at) end
            e.daily = { at = now, till = oldest + 86400000 }
          end
        end
      end
    end
    if not recorded then return reply end
  end
  for i, e in ipairs(entries) do write(KEYS[i + 2], ARGV[6 * i + 3], e) end
  return reply
end

local accountId, keyBase = ARGV[5], ARGV[6]

if op == 'migrate' then
  if redis.call('GET', KEYS[2]) ~= ARGV[7] then return { 'changed' } end
  for a = 8, #ARGV, 2 do
    local m = ARGV[a]
    local name = keyBase .. ':' .. m
    local e = decode(ARGV[a + 1], { accountId = accountId, member = m })
    local raw = redis.call('GET', name)
    if raw then
      -- Written meanwhile by a new node: keep every failure of both, the later lock.
      local other = decode(raw, { accountId = accountId, member = m })
      if other == nil then return { 'invalid', nowText, m, raw } end
      for _, f in ipairs(e.failures) do
        local _, g = find(other, f.id)
        if g then g.settled = g.settled or f.settled else other.failures[#other.failures + 1] = f end
      end
      table.sort(other.failures, function(x, y) if x.at ~= y.at then return x.at < y.at end return x.id < y.id end)
      if e.lock and (other.lock == nil or e.lock.at > other.lock.at) then other.lock = e.lock end
      if e.daily and (other.daily == nil or e.daily.till > other.daily.till) then other.daily = e.daily end
      e = other
    end
    write(name, m, refresh(e))
  end
  redis.call('DEL', KEYS[2])
  tidyIndex()
  return { 'ok', nowText }
end

-- list, unblock, reset: every entry of the account, through its index.
redis.call('ZREMRANGEBYSCORE', index, '-inf', '(' .. num(real))
local reply = { 'ok', nowText }
local found = {}
for _, m in ipairs(redis.call('ZRANGE', index, 0, -1)) do
  local raw = redis.call('GET', keyBase .. ':' .. m)
  if raw then
    found[#found + 1] = { m, raw }
    reply[#reply + 1] = m
    reply[#reply + 1] = raw
  else
    redis.call('ZREM', index, m)
  end
end
if op == 'reset' then
  for _, pair in ipairs(found) do redis.call('DEL', keyBase .. ':' .. pair[1]) end
  redis.call('DEL', index)
  if check == '1' then
    local legacy = redis.call('GET', KEYS[2])
    if legacy then
      reply[#reply + 1] = ''
      reply[#reply + 1] = legacy
      redis.call('DEL', KEYS[2])
    end
  end
  return reply
end
-- Nothing is changed unless every entry can be read.
local entries = {}
for i, pair in ipairs(found) do
  entries[i] = decode(pair[2], { accountId = accountId, member = pair[1] })
  if entries[i] == nil then reply[1] = 'invalid' return reply end
end
if op == 'unblock' then
  local kind, trunkId, callerId = ARGV[7], ARGV[8], ARGV[9]
  for i, e in ipairs(entries) do
    local k = e.key
    local matches = kind == 'all' or (kind == 'trunk' and k.trunkId == trunkId)
      or (kind == 'caller' and k.kind == 'caller' and k.callerId == callerId and (trunkId == '' or k.trunkId == trunkId))
    if matches then
      redis.call('DEL', keyBase .. ':' .. found[i][1])
      redis.call('ZREM', index, found[i][1])
    end
  end
  -- A lock without end may be gone.
  tidyIndex()
end
return reply
`;

/** The script's SHA-1, for `EVALSHA`. */
export const LEDGER_SCRIPT_SHA: string = createHash('sha1').update(LEDGER_SCRIPT).digest('hex');
