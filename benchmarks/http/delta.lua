-- wrk script: delta polls from the previous version, as an up-to-date ISP polls.
function request()
  return wrk.format("GET", "/v1/delta?from=" .. os.getenv("FROM"), {
    ["Authorization"] = "Bearer " .. os.getenv("TOKEN")
  })
end
