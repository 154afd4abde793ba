-- wrk script for bench/sync_load.py: every request is one enrolled kiosk's sync call,
-- a push of one new booking (half the requests) or a pull from a recent cursor.
-- Each thread reads the tokens file the script was given (wrk -s ... -- TOKENS SLOTS).

local tokens = {}
local slots = 1
local counter = 0

local function hex(n)
  local t = {}
  for i = 1, n do t[i] = string.format("%x", math.random(0, 15)) end
  return table.concat(t)
end

function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  slots = tonumber(args[2])
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  counter = counter + 1
  local headers = { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)],
                    ["Content-Type"] = "application/json" }
  if counter % 2 == 0 then
    return wrk.format("GET", "/api/v1/sync/pull?after=" .. math.random(0, 50) .. "&limit=200", headers)
  end
  local slot = "class-" .. math.random(1, slots)
  local body = '{"protocol":1,"entries":[{"id":"' .. hex(32) .. '","kind":"booking_request",' ..
    '"created_at":"2026-11-27T08:30:00Z","body":{"id":"' .. hex(32) .. '","code":"K7P2QA",' ..
    '"service_id":"phone-class","slot_id":"' .. slot .. '","starts_at":"2026-12-01T10:00:00Z",' ..
    '"ends_at":"2026-12-01T11:00:00Z","phone":"13812345678","phone_masked":"138****5678",' ..
    '"for_someone_else":false,"created_at":"2026-11-27T08:30:00Z"}}]}'
  return wrk.format("POST", "/api/v1/sync/push", headers, body)
end

local failures = 0
function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("QIAO p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.status))
end
