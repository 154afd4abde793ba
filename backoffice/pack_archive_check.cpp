#include "backoffice/pack_archive_check.hpp"

#include "core/lessons/pack_archive.hpp"
#include "core/lessons/pack_error.hpp"
#include "core/lessons/pack_reader.hpp"
#include "core/lessons/pack_signature.hpp"

namespace qiao::backoffice {

CheckedPack check_pack_archive(const std::filesystem::path& archive, const std::string& shown_as,
                               const std::filesystem::path& scratch, const std::vector<core::PublisherKey>& site_keys) {
    const std::filesystem::path folder = scratch / "pack";
    try {
        core::extract_archive(archive, folder);
    } catch (const core::PackError& e) {
        std::string message = e.what();
        for (auto at = message.find(archive.string()); at != std::string::npos;
             at = message.find(archive.string(), at + shown_as.size()))
            message.replace(at, archive.string().size(), shown_as);
        throw core::PackError(message);
    }
    const core::PackReadResult read = core::read_pack(folder);
    if (!read.ok()) {
        std::string message = "the pack cannot be installed by a kiosk; fix these in its folder and build it again:";
        for (const core::PackProblem& problem : read.problems)
            if (problem.severity == core::PackProblem::Severity::Error) message += "\n  " + core::describe(problem);
        throw core::PackError(message);
    }
    // Development mode only so that "not trusted yet" is a note instead of a refusal;
    // unsigned is refused below, and a broken signature is refused either way.
    const core::SignatureCheck signature = core::verify_pack(folder, site_keys, core::VerifyOptions{true});
    if (!signature.has_signature)
        throw core::PackError("the pack is not signed, and kiosks install only signed packs: sign its folder with "
                              "qiao-pack sign, then build it again");
    if (!signature.accepted()) throw core::PackError("the pack's signature is broken: " + signature.summary());

    CheckedPack checked{read.pack->id, read.pack->version, read.pack->title.in("zh-CN"), {}};
    if (!signature.trusted)
        checked.notes.push_back("it is signed by \"" + signature.publisher + "\" (key " + signature.fingerprint +
                                "), whom this site's kiosks do not trust yet: give them the key with "
                                "qiao-backoffice admin trust-key --site SITE FILE.pub");
    return checked;
}

}  // namespace qiao::backoffice
