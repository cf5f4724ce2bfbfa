// CreateContainer's options from the guide (lxc-ubuntu's -b, -S,
// lxc-ubuntu-cloud's -u): "bind_user" (s), "ssh_key" (h), "user_data" (h).
// Checked on the bus thread, authorized and applied on the job's thread
// (templates/personalize.h does the writing).
#pragma once

#include "call.h"
#include "jobs.h"
#include "personalize.h"
#include "settings.h"
#include "templates.h"

#include <QVariantMap>

namespace hutch::service {

class Authorizer;

struct PersonalizeRequest {
    QString bindUser;           // a valid name; looked up by the job
    QByteArray authorizedKeys;  // checked public keys
    QByteArray userData;        // checked cloud-init user data
    bool empty() const { return bindUser.isEmpty() && authorizedKeys.isEmpty() && userData.isEmpty(); }
};

// The options' types, the user name's form, the files (descriptors of
// regular files the caller opened for reading, read here, bounded) and
// their text; not with an lvm rootfs (`backend`). InvalidArgument says
// which and why.
Result<PersonalizeRequest> checkPersonalizeOptions(const QVariantMap &options, const QString &backend);

// On the job's thread, before anything is made: the bound user looked up
// on the host; unless it is the caller (the uid the bus knows for the
// caller's name), io.github.hutch.configure-privileged is asked for
// CONTAINER. NotAuthorized, NotFound or InvalidArgument; nothing is made.
Result<templates::Personalization> authorizePersonalization(const PersonalizeRequest &request, const Call &call,
                                                            Authorizer *auth, const QString &container);

// After the template made NAME: the rootfs written, the home's mount line
// added to its config. On failure NAME is destroyed again, so a create
// either makes the whole container or none.
Status personalizeContainer(const HelperSettings &settings, const QString &monitorPath, const QString &name,
                            const templates::Personalization &personalization, const StepReport &report);

}  // namespace hutch::service
