#include "core/sync/enrolment.hpp"

#include <nlohmann/json.hpp>

#include "core/sync/backoffice_reply.hpp"

namespace qiao::core {

namespace {

using json = nlohmann::json;

std::string trimmed_url(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

std::string refusal_words(const HttpReply& reply, const std::string& url) {
    const std::string code = error_code_of(reply);
    if (code == "code_unknown")
        return "the back office does not know this code: check it, or make a new one "
               "(qiao-backoffice admin enrolment-code --site SITE)";
    if (code == "code_used") return "this code was used already (each code enrols one kiosk): make a new one";
    if (code == "code_expired") return "this code has expired (a code lasts 24 hours unless made with --valid-hours): make a new one";
    if (!reply.answered()) return "could not reach the back office at " + url + ": " + reply.transport_error;
    if (reply.status == 404)
        return "there is no Qiao back office at " + url + " (it answered 404): check the address";
    return describe_failure("the back office at " + url + " did not enrol this kiosk", reply);
}

std::string text_field(const json& answer, const char* name) {
    const auto it = answer.find(name);
    if (it == answer.end() || !it->is_string() || it->get<std::string>().empty())
        throw EnrolmentError(std::string("the back office's answer is not an enrolment: \"") + name +
                             "\" is missing; is this a Qiao back office?");
    return it->get<std::string>();
}

}  // namespace

SyncCredentials enroll(HttpClient& client, const EnrolmentRequest& request, const std::filesystem::path& data_dir,
                       SettingsStore& settings, Database& db) {
    const std::string url = trimmed_url(request.url);
    if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
        throw EnrolmentError("the back office's address must start with https:// (found \"" + request.url + "\")");
    if (request.code.empty()) throw EnrolmentError("the enrolment code is empty: it looks like 7KQM-X2PA-RT9W");

    json body = {{"code", request.code}};
    if (!request.kiosk_name.empty()) body["kiosk_name"] = request.kiosk_name;
    if (!request.app_version.empty()) body["app_version"] = request.app_version;
    const HttpReply reply = client.post_json(url + "/api/v1/enroll", body.dump());
    if (!reply.success()) throw EnrolmentError(refusal_words(reply, url));

    const json answer = json::parse(reply.body, nullptr, false);
    if (!answer.is_object())
        throw EnrolmentError("the back office at " + url + " answered something that is not JSON; is this a Qiao back office?");
    SyncCredentials credentials;
    credentials.url = url;
    credentials.token = text_field(answer, "token");
    credentials.kiosk_id = text_field(answer, "kiosk_id");
    credentials.site_id = text_field(answer, "site_id");
    const auto name = answer.find("site_name");
    credentials.site_name = name != answer.end() && name->is_string() ? name->get<std::string>() : credentials.site_id;
    try {
        save_credentials(data_dir, settings, db, credentials);
    } catch (const std::exception& e) {
        throw EnrolmentError(std::string("the back office enrolled this kiosk, but it could not be saved: ") + e.what() +
                             "; fix that and enrol again with a new code");
    }
    return credentials;
}

}  // namespace qiao::core
